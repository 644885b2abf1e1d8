package io.waymark.core.kernel;

import io.waymark.core.query.ClvSpec;
import io.waymark.core.query.Scope;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-customer churn risk from one BG/NBD fit over all events (the default {@code clv} spec with model
 * {@code bgnbd}): what profiles show. Engines compute it once per data version and look persons up.
 */
public final class ChurnScores {
    /** The horizon of {@link Score#expectedPurchases365d()}. */
    static final int HORIZON_DAYS = 365;

    /** P(alive), churn risk = 1 - P(alive) and expected purchases in the next 365 days of one customer. */
    public record Score(double pAlive, double churnRisk, double expectedPurchases365d) {
    }

    private final Map<String, Score> byPerson;

    private ChurnScores(Map<String, Score> byPerson) {
        this.byPerson = byPerson;
    }

    /** Fits BG/NBD on every customer in {@code columns}; without a fit (too few repeat buyers) nobody has a score. */
    public static ChurnScores fit(EventColumns columns) {
        ClvSpec spec = new ClvSpec(Scope.ALL, ClvSpec.Model.BGNBD, HORIZON_DAYS, null, "purchase", 0);
        ClvKernel kernel = new ClvKernel(spec, columns);
        ClvModels models = KernelRunner.run(columns, Scope.ALL, new ScoringKernel(kernel)).result();
        Map<String, Score> out = new HashMap<>();
        double[] pAlive = models.pAlive();
        if (pAlive != null) {
            double[] expected = models.expectedPurchases();
            for (int i = 0; i < pAlive.length; i++) {
                out.put(columns.personId(models.person(i)), new Score(pAlive[i], 1 - pAlive[i], expected[i]));
            }
        }
        return new ChurnScores(out);
    }

    /** The score of a person, or null when they have not purchased or no fit was possible. */
    public Score of(String personId) {
        return byPerson.get(personId);
    }

    /** {@link ClvKernel}'s fold, finished into the scored models instead of a result. */
    private record ScoringKernel(ClvKernel kernel) implements PersonKernel<ClvKernel.Acc, ClvModels> {
        @Override
        public ClvKernel.Acc newAccumulator() {
            return kernel.newAccumulator();
        }

        @Override
        public void person(ClvKernel.Acc acc, PersonEvents events) {
            kernel.person(acc, events);
        }

        @Override
        public void merge(ClvKernel.Acc into, ClvKernel.Acc later) {
            kernel.merge(into, later);
        }

        @Override
        public ClvModels finish(ClvKernel.Acc acc) {
            ClvModels models = kernel.models(acc);
            models.result(null);
            return models;
        }
    }
}

package io.waymark.core.kernel;

import io.waymark.core.query.ClvSpec;
import io.waymark.core.query.Scope;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-customer churn risk from one BG/NBD fit over all events (the default {@code clv} spec with model
 * {@code bgnbd}): what profiles show. Engines compute it once per data version and look persons up. A failed
 * or impossible fit leaves everybody without a score; it never fails the caller.
 */
public final class ChurnScores {
    /** The horizon of {@link Score#expectedPurchases365d()}. */
    static final int HORIZON_DAYS = 365;

    /**
     * P(alive), churn risk = 1 - P(alive) and expected purchases in the next 365 days of one customer. A one-time
     * buyer has P(alive) = 1 under BG/NBD (one can only drop out right after a repeat purchase), which says nothing
     * about their risk, so {@code churnRisk} is null for customers without a repeat purchase.
     */
    public record Score(double pAlive, Double churnRisk, double expectedPurchases365d) {
    }

    private static final ChurnScores NONE = new ChurnScores(Map.of());

    private final Map<String, Score> byPerson;

    private ChurnScores(Map<String, Score> byPerson) {
        this.byPerson = byPerson;
    }

    /** Nobody has a score. */
    public static ChurnScores none() {
        return NONE;
    }

    /**
     * Fits BG/NBD on every customer in {@code columns}; without a fit (too few repeat buyers, or a failed fit)
     * nobody has a score. Never throws for numerical reasons: any failure of the fit means no scores.
     */
    public static ChurnScores fit(EventColumns columns) {
        ClvModels models;
        try {
            ClvSpec spec = new ClvSpec(Scope.ALL, ClvSpec.Model.BGNBD, HORIZON_DAYS, null, "purchase", 0);
            ClvKernel kernel = new ClvKernel(spec, columns);
            models = KernelRunner.run(columns, Scope.ALL, new ScoringKernel(kernel)).result();
        } catch (ArithmeticException | IllegalStateException | io.waymark.core.model.FitException e) {
            return NONE;
        }
        Map<String, Score> out = new HashMap<>();
        double[] pAlive = models.pAlive();
        if (pAlive != null) {
            double[] expected = models.expectedPurchases();
            for (int i = 0; i < pAlive.length; i++) {
                Double risk = models.repeatPurchases(i) > 0 ? 1 - pAlive[i] : null;
                out.put(columns.personId(models.person(i)), new Score(pAlive[i], risk, expected[i]));
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

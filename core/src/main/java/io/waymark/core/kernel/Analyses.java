package io.waymark.core.kernel;

import io.waymark.core.query.AnalysisSpec;
import io.waymark.core.query.AttributionSpec;
import io.waymark.core.query.ClvSpec;
import io.waymark.core.query.FieldPath;
import io.waymark.core.query.FunnelSpec;
import io.waymark.core.query.KpiSpec;
import io.waymark.core.query.PersonasSpec;
import io.waymark.core.query.SessionsSpec;
import io.waymark.core.query.StagesSpec;
import io.waymark.core.query.SurveysSpec;
import io.waymark.core.query.PathsSpec;
import io.waymark.core.query.RetentionSpec;
import io.waymark.core.query.TrendSpec;
import io.waymark.core.spend.SpendEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Runs an {@link AnalysisSpec} on event columns with the kernel of its kind; the same entry point for every engine. */
public final class Analyses {
    private Analyses() {
    }

    /** A result and the number of in-scope events the kernels scanned. */
    public record Answer(Object result, long events) {
    }

    public static Answer run(AnalysisSpec spec, EventColumns columns) {
        return run(spec, columns, List.of());
    }

    public static Answer run(AnalysisSpec spec, EventColumns columns, List<SpendEntry> spend) {
        return run(spec, columns, spend, null);
    }

    /**
     * @param spend the imported spend, for specs whose {@link AnalysisSpec#usesSpend()} is true (else ignored)
     * @param persons the members of the spec's segment (engines evaluate {@code scope().segment()} with
     *     {@link SegmentEvaluator}), or null to analyse everybody
     */
    public static Answer run(AnalysisSpec spec, EventColumns columns, List<SpendEntry> spend, PersonSet persons) {
        Set<FieldPath> fields = new HashSet<>(spec.fields());
        spec.scope().filters().forEach(f -> fields.add(f.field()));
        columns.prefetch(fields);
        if (spec instanceof TrendSpec t) {
            return answer(KernelRunner.run(columns, t.scope(), persons, new TrendKernel(t, columns)));
        }
        if (spec instanceof FunnelSpec f) {
            return answer(KernelRunner.run(columns, f.scope(), persons, new FunnelKernel(f, columns)));
        }
        if (spec instanceof SessionsSpec s) {
            return answer(KernelRunner.run(columns, s.scope(), persons, new SessionsKernel(s, columns)));
        }
        if (spec instanceof StagesSpec s) {
            return answer(KernelRunner.run(columns, s.scope(), persons, new StagesKernel(s, columns)));
        }
        if (spec instanceof SurveysSpec s) {
            return answer(KernelRunner.run(columns, s.scope(), persons, new SurveysKernel(s, columns)));
        }
        if (spec instanceof RetentionSpec r) {
            return answer(KernelRunner.run(columns, r.scope(), persons, new RetentionKernel(r, columns)));
        }
        if (spec instanceof PathsSpec p) {
            return answer(KernelRunner.run(columns, p.scope(), persons, new PathsKernel(p, columns)));
        }
        if (spec instanceof AttributionSpec a) {
            return answer(KernelRunner.run(columns, a.scope(), persons, new AttributionKernel(a, columns, spend)));
        }
        if (spec instanceof KpiSpec k) {
            return KpiKernel.run(k, columns, spend, persons);
        }
        if (spec instanceof ClvSpec c) {
            return answer(KernelRunner.run(columns, c.scope(), persons, new ClvKernel(c, columns)));
        }
        if (spec instanceof PersonasSpec p) {
            Personas.Outcome o = Personas.run(p, columns, persons);
            return new Answer(o.result(), o.events());
        }
        throw new IllegalArgumentException("no kernel for " + spec.getClass().getSimpleName());
    }

    private static Answer answer(KernelRunner.Run<?> run) {
        return new Answer(run.result(), run.events());
    }
}

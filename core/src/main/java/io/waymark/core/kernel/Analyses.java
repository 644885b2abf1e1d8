package io.waymark.core.kernel;

import io.waymark.core.query.AnalysisSpec;
import io.waymark.core.query.PathsSpec;
import io.waymark.core.query.RetentionSpec;
import io.waymark.core.query.TrendSpec;

/** Runs an {@link AnalysisSpec} on event columns with the kernel of its kind; the same entry point for every engine. */
public final class Analyses {
    private Analyses() {
    }

    /** A result and the number of in-scope events the kernels scanned. */
    public record Answer(Object result, long events) {
    }

    public static Answer run(AnalysisSpec spec, EventColumns columns) {
        if (spec instanceof TrendSpec t) {
            return answer(KernelRunner.run(columns, t.scope(), new TrendKernel(t, columns)));
        }
        if (spec instanceof RetentionSpec r) {
            return answer(KernelRunner.run(columns, r.scope(), new RetentionKernel(r, columns)));
        }
        if (spec instanceof PathsSpec p) {
            return answer(KernelRunner.run(columns, p.scope(), new PathsKernel(p, columns)));
        }
        throw new IllegalArgumentException("no kernel for " + spec.getClass().getSimpleName());
    }

    private static Answer answer(KernelRunner.Run<?> run) {
        return new Answer(run.result(), run.events());
    }
}

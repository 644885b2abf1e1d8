package io.waymark.core.query;

import java.util.Set;

/** A spec answered by a kernel that folds each person's time-ordered events (see {@code io.waymark.core.kernel}). */
public interface AnalysisSpec {
    Scope scope();

    /** The event fields the analysis reads beyond the scope's filters, so engines load only those. */
    Set<FieldPath> fields();

    /** Whether the analysis needs the imported marketing spend (then engines pass it to {@code Analyses.run}). */
    default boolean usesSpend() {
        return false;
    }
}

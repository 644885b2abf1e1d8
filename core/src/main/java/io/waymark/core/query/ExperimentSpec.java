package io.waymark.core.query;

import io.waymark.core.error.WaymarkException;

/**
 * {@code {"kind":"experiment","experiment":"fast_shipping","sequential":false,"correction":"holm","cuped":true}}:
 * the saved experiment's exposed persons per variant, sample-ratio check, and for its metric and guardrails the
 * frequentist, Bayesian and (with {@code sequential}) always-valid results, CUPED-adjusted when {@code cuped}, with
 * {@code correction} (holm, benjamini_hochberg or none) over the comparisons, and a verdict. The analysis covers every
 * exposure so far; {@code segment} restricts it to a segment's members.
 */
public record ExperimentSpec(String experiment, boolean sequential, Correction correction, boolean cuped, SegmentRef segment)
        implements QuerySpec {
    public enum Correction { HOLM, BENJAMINI_HOCHBERG, NONE }

    @Override
    public String kind() {
        return "experiment";
    }

    static ExperimentSpec parse(SpecReader r) {
        r.allowOnly(false, "kind", "experiment", "sequential", "correction", "cuped", "segment", "timezone");
        String key = r.string("experiment");
        if (!io.waymark.core.experiment.Experiment.KEY.matcher(key).matches()) {
            throw WaymarkException.invalid(r.name("experiment"), "'experiment' must be an experiment key (a-z, 0-9, '_', '-')");
        }
        var segment = r.node().get("segment");
        return new ExperimentSpec(key, r.bool("sequential", false), r.choice("correction", Correction.class, Correction.HOLM),
                r.bool("cuped", true), segment == null || segment.isNull() ? null : SegmentRef.parse(segment, r.name("segment"), r.timezone()));
    }
}

package io.waymark.core.stats;

import java.util.List;

/**
 * An experiment's summary statistics, as {@link ExperimentStatistics} takes them: variant names with control first,
 * the traffic weights they were assigned with (null = equal), the units assigned per variant for the sample-ratio
 * check (null = the first metric's n), and per metric one {@link MetricSummary} per variant in the same order.
 */
public record ExperimentData(List<String> variants, List<Double> weights, List<Long> units, List<Metric> metrics,
                             Settings settings) {

    /** What a metric is for: the decision (primary), extra reading (secondary), or a harm to rule out (guardrail). */
    public enum Role {
        PRIMARY, SECONDARY, GUARDRAIL
    }

    /** @param name how the verdict names the metric, e.g. "purchase conversion" */
    public record Metric(String name, MetricType type, Role role, boolean higherIsBetter, List<MetricSummary> variants) {
    }

    /**
     * @param alpha           two-sided significance level of every test and interval
     * @param correction      the multiple-testing correction over primary and secondary metrics × variants
     * @param sequential      decide on the always-valid {@link SequentialTest} (results watched while they come in)
     * @param tuningParameter the sequential test's N*
     * @param cuped           adjust metrics whose summaries carry a pre-exposure covariate
     * @param srmThreshold    the sample-ratio check flags p below this
     */
    public record Settings(double alpha, MultipleTesting.Method correction, boolean sequential, double tuningParameter,
                           boolean cuped, double srmThreshold) {
        public static final Settings DEFAULTS = new Settings(0.05, MultipleTesting.Method.HOLM, false,
                SequentialTest.DEFAULT_TUNING, true, SampleRatioCheck.DEFAULT_THRESHOLD);

        public Settings withSequential(boolean on) {
            return new Settings(alpha, correction, on, tuningParameter, cuped, srmThreshold);
        }

        public Settings withCorrection(MultipleTesting.Method method) {
            return new Settings(alpha, method, sequential, tuningParameter, cuped, srmThreshold);
        }
    }
}

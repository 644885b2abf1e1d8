package io.waymark.core.stats;

import java.util.List;

/** Everything {@link ExperimentStatistics} concludes, as records ready for JSON. */
public record ExperimentResult(List<String> variants, SampleRatioCheck.Result sampleRatio, Correction correction,
                               List<MetricResult> metrics, List<Verdict> verdicts) {

    /** The multiple-testing correction applied: its method and how many tests formed the family. */
    public record Correction(String method, int tests, String family) {
    }

    /** @param cupedTheta the CUPED coefficient, or null when the metric was not adjusted */
    public record MetricResult(String name, MetricType type, ExperimentData.Role role, boolean higherIsBetter,
                               List<Arm> arms, Double cupedTheta, List<Comparison> comparisons) {
    }

    /**
     * One variant's data on one metric.
     *
     * @param mean              the observed mean
     * @param adjustedMean      the CUPED-adjusted mean the tests used (the mean when not adjusted)
     * @param varianceReduction CUPED's 1 − adjusted/unadjusted variance, or null when not adjusted
     */
    public record Arm(String variant, long n, double mean, double adjustedMean, Double varianceReduction) {
    }

    /**
     * One variant against control on one metric. {@code decisive} is the estimate decisions read: the sequential
     * test's when sequential testing is on, else the fixed-horizon test's; relative when the control mean is not 0.
     * The beta-binomial posterior of a conversion metric uses the raw counts even when CUPED adjusted the others.
     *
     * @param adjustedPValue the decisive p-value after the correction (guardrails: uncorrected)
     * @param significant    adjusted p-value below alpha
     * @param note           why the tests did not run (then every test field is null), else null
     */
    public record Comparison(String variant, FrequentistTest.Result frequentist, SequentialTest.Result sequential,
                             BayesianTest.Result bayesian, Estimate decisive, boolean decisiveIsRelative, Double adjustedPValue,
                             boolean significant, String note) {
    }
}

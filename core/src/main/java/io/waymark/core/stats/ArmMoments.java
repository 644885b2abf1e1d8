package io.waymark.core.stats;

/**
 * What the tests need from one arm: its size, the mean of the metric and the per-unit variance. Either straight from
 * a {@link MetricSummary} ({@link #of}) or adjusted by {@link Cuped}.
 */
public record ArmMoments(long n, double mean, double variance) {

    /**
     * The moments of a summary. A binomial arm's variance is p(1 − p), the Bernoulli variance at the observed rate
     * (as gbstats' ProportionStatistic); a mean arm's is the unbiased sample variance.
     */
    public static ArmMoments of(MetricSummary s, MetricType type) {
        double mean = s.mean();
        double variance = type == MetricType.BINOMIAL ? mean * (1 - mean) : s.variance();
        return new ArmMoments(s.n(), mean, variance);
    }

    /** The variance of this arm's mean. */
    double varianceOfMean() {
        return variance / n;
    }

    /** Whether a two-arm test can run: two or more units in each arm and some variance between them. */
    public static boolean comparable(ArmMoments control, ArmMoments treatment) {
        return control.n >= 2 && treatment.n >= 2 && control.varianceOfMean() + treatment.varianceOfMean() > 0;
    }
}

package io.waymark.core.stats;

/**
 * The sufficient statistics of one metric in one variant: the number of units, the sum and sum of squares of the
 * metric's per-unit value y and, for CUPED, of the pre-exposure covariate x (usually the same metric measured
 * before the unit's exposure) and the sum of the products x·y. A conversion metric is the same summary over values
 * 0/1 ({@link #conversions}). Summaries of disjoint units add up ({@link #merge}), so partitions, days and engines
 * can be summarised apart and combined before testing.
 *
 * <p>Variances come from the raw power sums ({@code (Σy² − (Σy)²/n)/(n − 1)}), as gbstats computes them; this loses
 * precision when the mean is many orders of magnitude larger than the standard deviation, which per-user metrics
 * (counts, revenue) are not.
 */
public record MetricSummary(long n, double sum, double sumSquares, double covariateSum, double covariateSumSquares,
                            double crossProductSum) {

    public MetricSummary {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        for (double v : new double[] {sum, sumSquares, covariateSum, covariateSumSquares, crossProductSum}) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("summary sums must be finite");
            }
        }
        if (sumSquares < 0 || covariateSumSquares < 0) {
            throw new IllegalArgumentException("sums of squares must be >= 0");
        }
    }

    public static final MetricSummary EMPTY = new MetricSummary(0, 0, 0, 0, 0, 0);

    /** A summary without a covariate. */
    public static MetricSummary of(long n, double sum, double sumSquares) {
        return new MetricSummary(n, sum, sumSquares, 0, 0, 0);
    }

    /** {@code converted} of {@code n} units converted: values 0/1, so the sum of squares is the sum. */
    public static MetricSummary conversions(long n, long converted) {
        if (converted < 0 || converted > n) {
            throw new IllegalArgumentException("conversions must be within 0.." + n + ", got " + converted);
        }
        return of(n, converted, converted);
    }

    /** This summary with one more unit whose value is y and whose pre-exposure covariate is x. */
    public MetricSummary add(double y, double x) {
        return new MetricSummary(n + 1, sum + y, sumSquares + y * y, covariateSum + x, covariateSumSquares + x * x,
                crossProductSum + x * y);
    }

    /** This summary with one more unit whose value is y (no covariate). */
    public MetricSummary add(double y) {
        return add(y, 0);
    }

    /** The summary of the union of two disjoint sets of units. */
    public MetricSummary merge(MetricSummary other) {
        return new MetricSummary(n + other.n, sum + other.sum, sumSquares + other.sumSquares,
                covariateSum + other.covariateSum, covariateSumSquares + other.covariateSumSquares,
                crossProductSum + other.crossProductSum);
    }

    public double mean() {
        return n == 0 ? 0 : sum / n;
    }

    /** The unbiased sample variance of y (0 below two units; never negative through rounding). */
    public double variance() {
        return centred(sumSquares, sum);
    }

    public double covariateMean() {
        return n == 0 ? 0 : covariateSum / n;
    }

    public double covariateVariance() {
        return centred(covariateSumSquares, covariateSum);
    }

    /** The sample covariance of y and x. */
    public double covariance() {
        return n < 2 ? 0 : (crossProductSum - sum * covariateSum / n) / (n - 1);
    }

    /** Whether a covariate was recorded (a covariate that is 0 for every unit carries no information anyway). */
    public boolean hasCovariate() {
        return covariateSumSquares > 0;
    }

    private double centred(double squares, double sum) {
        return n < 2 ? 0 : Math.max(0, (squares - sum * sum / n) / (n - 1));
    }
}

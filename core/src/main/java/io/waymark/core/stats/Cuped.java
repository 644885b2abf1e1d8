package io.waymark.core.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * CUPED (Controlled-experiment Using Pre-Experiment Data): Deng, Xu, Kohavi &amp; Walker (2013), "Improving the
 * sensitivity of online controlled experiments by utilizing pre-experiment data", WSDM. Each unit's value y is
 * replaced by y − theta·(x − E[x]), where x is the unit's pre-exposure value of the metric. Since x cannot be
 * affected by the treatment, the adjusted means estimate the same effect, and with theta = cov(y, x)/var(x) the
 * variance shrinks by the factor 1 − rho(y, x)² (Deng et al. section 3.2).
 *
 * <p>Theta is estimated once, pooled over all variants (Deng et al. section 3.3: the same theta in every arm keeps
 * the adjusted difference unbiased), from the merged summaries, as gbstats' {@code compute_theta} does. E[x] is the
 * pooled covariate mean, which leaves every difference of means as it is and keeps the adjusted means on the
 * metric's scale, so relative lifts read as usual.
 */
public final class Cuped {
    private Cuped() {
    }

    /**
     * @param theta             the pooled regression coefficient of y on x
     * @param arms              the adjusted moments per variant, in input order
     * @param varianceReduction per variant, 1 − adjusted variance / unadjusted variance
     */
    public record Adjustment(double theta, List<ArmMoments> arms, List<Double> varianceReduction) {
    }

    /** Adjusts every variant's summary of one metric; summaries without a covariate get theta = 0 (no change). */
    public static Adjustment adjust(List<MetricSummary> variants) {
        MetricSummary pooled = variants.stream().reduce(MetricSummary.EMPTY, MetricSummary::merge);
        double varX = pooled.covariateVariance();
        double theta = varX > 0 ? pooled.covariance() / varX : 0;
        double meanX = pooled.covariateMean();
        List<ArmMoments> arms = new ArrayList<>();
        List<Double> reduction = new ArrayList<>();
        for (MetricSummary s : variants) {
            double variance = s.variance();
            double adjusted = Math.max(0, variance + theta * theta * s.covariateVariance() - 2 * theta * s.covariance());
            arms.add(new ArmMoments(s.n(), s.mean() - theta * (s.covariateMean() - meanX), adjusted));
            reduction.add(variance > 0 ? 1 - adjusted / variance : 0);
        }
        return new Adjustment(theta, List.copyOf(arms), List.copyOf(reduction));
    }
}

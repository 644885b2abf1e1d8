package io.waymark.core.stats;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * The fixed-horizon test: Welch's t-test of the difference of means (Welch 1947, "The generalization of Student's
 * problem when several different population variances are involved", Biometrika 34), with Welch–Satterthwaite degrees
 * of freedom, and the relative lift with a delta-method interval on the same degrees of freedom, as GrowthBook's
 * gbstats {@code TwoSidedTTest} computes them. Valid when looked at once, at a sample size fixed in advance; for
 * results watched while they come in use {@link SequentialTest}.
 */
public final class FrequentistTest {
    /** Absolute (mean(B) − mean(A)) and relative (lift as a fraction; null when the control mean is 0) effects. */
    public record Result(double alpha, double degreesOfFreedom, Estimate absolute, Estimate relative) {
    }

    private final double alpha;

    /** @param alpha the two-sided significance level (the intervals cover with probability 1 − alpha) */
    public FrequentistTest(double alpha) {
        this.alpha = checkAlpha(alpha);
    }

    /** @throws IllegalArgumentException when the arms are not {@link ArmMoments#comparable} */
    public Result compare(ArmMoments control, ArmMoments treatment) {
        if (!ArmMoments.comparable(control, treatment)) {
            throw new IllegalArgumentException("each arm needs two units and the effect some variance");
        }
        double df = Effects.welchDegreesOfFreedom(control, treatment);
        TDistribution t = new TDistribution(df);
        double quantile = t.inverseCumulativeProbability(1 - alpha / 2);
        Effects.Effect relative = Effects.relative(control, treatment);
        return new Result(alpha, df, estimate(Effects.absolute(control, treatment), t, quantile),
                relative == null ? null : estimate(relative, t, quantile));
    }

    private static Estimate estimate(Effects.Effect e, TDistribution t, double quantile) {
        double se = e.standardError();
        double halfWidth = quantile * se;
        // 2·P(T < −|t|) rather than 2·(1 − P(T < |t|)), which rounds small p-values to 0
        double p = Math.min(1, 2 * t.cumulativeProbability(-Math.abs(e.estimate() / se)));
        return new Estimate(e.estimate(), se, e.estimate() - halfWidth, e.estimate() + halfWidth, p);
    }

    static double checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("alpha must be in (0, 0.5), got " + alpha);
        }
        return alpha;
    }
}

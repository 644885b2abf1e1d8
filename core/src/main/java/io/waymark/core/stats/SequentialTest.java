package io.waymark.core.stats;

/**
 * An always-valid test: the two-sided normal-mixture confidence sequence of Howard, Ramdas, McAuliffe &amp; Sekhon
 * (2021), "Time-uniform, nonparametric, nonasymptotic confidence sequences", Annals of Statistics 49(2), in the
 * asymptotic form of Waudby-Smith, Arnold, Wu, Howard, Ramdas et al. (2023), "Time-uniform central limit theory and
 * asymptotic confidence sequences", arXiv:2103.06476 (eq. 9 for the interval, eq. 155 for the p-value), as GrowthBook
 * uses it for sequential testing. The interval covers the true effect at every sample size simultaneously with
 * probability 1 − alpha, so results may be looked at after every new unit and the experiment stopped the first
 * time p &lt; alpha without inflating false positives (the same guarantee as the mixture SPRT of Johari, Koomen,
 * Pekelis &amp; Walsh 2022, "Always valid inference", Operations Research 70(3)).
 *
 * <p>The mixture's spread rho is tuned by N*, the total sample size at which the interval is tightest
 * (Waudby-Smith et al. eq. 161, gbstats' {@code sequential_rho}); GrowthBook's default N* is 5,000. The price of
 * always-valid inference is a wider interval than the fixed-horizon test's at any single look.
 *
 * <p>Each call sees only the current summaries; an always-valid p-value in the strict sense is the running minimum
 * of these p-values over the looks, which a caller that stores them can take.
 */
public final class SequentialTest {
    /** GrowthBook's default tuning parameter N* (total units across both arms). */
    public static final double DEFAULT_TUNING = 5000;

    /** The effects as in {@link FrequentistTest.Result}, with always-valid intervals and p-values. */
    public record Result(double alpha, double tuningParameter, double rho, Estimate absolute, Estimate relative) {
    }

    private final double alpha;
    private final double tuning;
    private final double rho;

    public SequentialTest(double alpha, double tuningParameter) {
        this.alpha = FrequentistTest.checkAlpha(alpha);
        if (!(tuningParameter >= 1) || Double.isInfinite(tuningParameter)) {
            throw new IllegalArgumentException("the tuning parameter must be >= 1, got " + tuningParameter);
        }
        this.tuning = tuningParameter;
        double l = -2 * Math.log(alpha);
        this.rho = Math.sqrt((l + Math.log(l + 1)) / tuningParameter);
    }

    /** @throws IllegalArgumentException when the arms are not {@link ArmMoments#comparable} */
    public Result compare(ArmMoments control, ArmMoments treatment) {
        if (!ArmMoments.comparable(control, treatment)) {
            throw new IllegalArgumentException("each arm needs two units and the effect some variance");
        }
        long n = control.n() + treatment.n();
        Effects.Effect relative = Effects.relative(control, treatment);
        return new Result(alpha, tuning, rho, estimate(Effects.absolute(control, treatment), n),
                relative == null ? null : estimate(relative, n));
    }

    private Estimate estimate(Effects.Effect e, long n) {
        double se = e.standardError();
        // the confidence sequence is for the mean of n per-unit terms whose variance s² is se²·n
        double s2 = e.variance() * n;
        double nr2 = n * rho * rho + 1;
        double halfWidth = Math.sqrt(s2 * 2 * nr2 * Math.log(Math.sqrt(nr2) / alpha) / (n * n * rho * rho));
        // 1 / (the mixture likelihood ratio, an e-value) is a p-value at every n; p < alpha exactly when the
        // interval excludes 0
        double st2 = e.estimate() * e.estimate() / e.variance() * n;
        double logE = rho * rho * st2 / (2 * nr2) - 0.5 * Math.log(nr2);
        double p = Math.min(1, Math.exp(-logE));
        return new Estimate(e.estimate(), se, e.estimate() - halfWidth, e.estimate() + halfWidth, p);
    }
}

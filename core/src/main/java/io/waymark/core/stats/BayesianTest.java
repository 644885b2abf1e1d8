package io.waymark.core.stats;

import java.util.function.DoubleUnaryOperator;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.hipparchus.distribution.continuous.BetaDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Chance to beat control and expected loss (the "risk" of Stucchio 2015, "Bayesian A/B testing at VWO", and of
 * GrowthBook's Bayesian engine): the expected amount by which the metric is worse under the chosen arm than under the
 * better one, in the metric's own units (conversion-rate points, or the mean's unit). Ship when the loss of choosing
 * the variant is below what you can afford to lose.
 *
 * <p>Conversions: beta-binomial, each arm's rate with a uniform Beta(1, 1) prior, so the posterior after x
 * conversions of n is Beta(1 + x, 1 + n − x). Both quantities are one-dimensional integrals over the narrower
 * posterior (the inner expectation has a closed form in the other's distribution functions), computed by Gauss–
 * Legendre quadrature: deterministic, no Monte Carlo.
 *
 * <p>Means: normal approximation, a flat (improper uniform) prior on each arm's mean, so by the central limit
 * theorem the posterior of the difference is normal with the observed difference as mean and
 * Var(Ā) + Var(B̄) as variance; chance and loss are then closed forms of the normal distribution.
 */
public final class BayesianTest {
    /** The width of the integration window, in posterior standard deviations either side of the mean. */
    private static final double WINDOW_SDS = 12;
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    private BayesianTest() {
    }

    /**
     * @param chanceToBeatControl         the posterior probability that the variant is better than control
     * @param expectedLossChoosingVariant E[max(control − variant, 0)] (for metrics where higher is better)
     * @param expectedLossChoosingControl E[max(variant − control, 0)]
     */
    public record Result(String model, double chanceToBeatControl, double expectedLossChoosingVariant,
                         double expectedLossChoosingControl) {

        /** The same posterior read for a metric where lower is better: "beats" means "is lower". */
        public Result lowerIsBetter() {
            return new Result(model, 1 - chanceToBeatControl, expectedLossChoosingControl, expectedLossChoosingVariant);
        }
    }

    /** Beta-binomial with Beta(1, 1) priors: x conversions of n units per arm. */
    public static Result conversions(long controlN, long controlConversions, long variantN, long variantConversions) {
        BetaDistribution a = posterior(controlN, controlConversions);
        BetaDistribution b = posterior(variantN, variantConversions);
        double chance = greater(b, a);
        double lossVariant = excess(a, b);
        // E[(B − A)+] − E[(A − B)+] = E[B − A]
        double lossControl = Math.max(0, lossVariant + b.getNumericalMean() - a.getNumericalMean());
        return new Result("beta-binomial, Beta(1, 1) priors", chance, lossVariant, lossControl);
    }

    /** Normal approximation with flat priors on the arms' means. */
    public static Result means(ArmMoments control, ArmMoments variant) {
        double mu = variant.mean() - control.mean();
        double sigma = Math.sqrt(control.varianceOfMean() + variant.varianceOfMean());
        if (sigma == 0) {
            return new Result("normal approximation, flat priors", mu > 0 ? 1 : mu < 0 ? 0 : 0.5, Math.max(0, -mu),
                    Math.max(0, mu));
        }
        double z = mu / sigma;
        double density = STANDARD_NORMAL.density(z);
        // for D ~ N(mu, sigma²): E[max(D, 0)] = mu·Φ(mu/sigma) + sigma·φ(mu/sigma), and E[max(−D, 0)] alike
        double lossControl = mu * STANDARD_NORMAL.cumulativeProbability(z) + sigma * density;
        double lossVariant = -mu * STANDARD_NORMAL.cumulativeProbability(-z) + sigma * density;
        return new Result("normal approximation, flat priors", STANDARD_NORMAL.cumulativeProbability(z),
                Math.max(0, lossVariant), Math.max(0, lossControl));
    }

    private static BetaDistribution posterior(long n, long conversions) {
        if (conversions < 0 || conversions > n) {
            throw new IllegalArgumentException("conversions must be within 0.." + n + ", got " + conversions);
        }
        return new BetaDistribution(1 + conversions, 1 + n - conversions);
    }

    /** P(X > Y) for independent betas: ∫ f_Y(y) P(X > y) dy, or ∫ f_X(x) P(Y < x) dx over the narrower one. */
    static double greater(BetaDistribution x, BetaDistribution y) {
        if (sd(y) <= sd(x)) {
            return integrate(y, v -> 1 - x.cumulativeProbability(v));
        }
        return integrate(x, y::cumulativeProbability);
    }

    /**
     * E[max(X − Y, 0)] for independent betas. With X⁺ ~ Beta(α + 1, β), the size-biased X,
     * E[X·1{X &gt; y}] = E[X]·P(X⁺ &gt; y), so E[(X − y)⁺] = E[X]·P(X⁺ &gt; y) − y·P(X &gt; y), and symmetrically
     * E[(x − Y)⁺] = x·P(Y &lt; x) − E[Y]·P(Y⁺ &lt; x).
     */
    static double excess(BetaDistribution x, BetaDistribution y) {
        if (sd(y) <= sd(x)) {
            BetaDistribution xPlus = new BetaDistribution(x.getAlpha() + 1, x.getBeta());
            double mx = x.getNumericalMean();
            return Math.max(0, integrate(y, v -> mx * (1 - xPlus.cumulativeProbability(v)) - v * (1 - x.cumulativeProbability(v))));
        }
        BetaDistribution yPlus = new BetaDistribution(y.getAlpha() + 1, y.getBeta());
        double my = y.getNumericalMean();
        return Math.max(0, integrate(x, v -> v * y.cumulativeProbability(v) - my * yPlus.cumulativeProbability(v)));
    }

    /** ∫ density(v)·g(v) dv over the posterior's mass (mean ± 12 sd within [0, 1]). */
    private static double integrate(BetaDistribution d, DoubleUnaryOperator g) {
        double lo = Math.max(0, d.getNumericalMean() - WINDOW_SDS * sd(d));
        double hi = Math.min(1, d.getNumericalMean() + WINDOW_SDS * sd(d));
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(5, 1e-10, 1e-13);
        return integrator.integrate(1_000_000, v -> d.density(v) * g.applyAsDouble(v), lo, hi);
    }

    private static double sd(BetaDistribution d) {
        return Math.sqrt(d.getNumericalVariance());
    }
}

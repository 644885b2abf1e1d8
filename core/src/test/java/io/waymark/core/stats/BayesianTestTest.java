package io.waymark.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.special.Beta;
import org.junit.jupiter.api.Test;

class BayesianTestTest {
    private static final double GB = 0.5e-5;

    @Test
    void betaBinomialRiskMatchesGbstats() {
        /*
         * gbstats before its Gaussian rewrite (growthbook/growthbook commit a1201e7, 2024-04-10,
         * packages/stats/tests/bayesian/test_tests.py, test_bayesian_binomial_ab_test; MIT License): 49 of 100 vs
         * 51 of 100 with Beta(1, 1) priors have risk [0.03872, 0.01912] = [loss choosing control, loss choosing B],
         * computed there by Gauss quadrature. (Its chance_to_win 0.61052 came from a log-normal approximation; the
         * exact value is checked below.)
         */
        BayesianTest.Result r = BayesianTest.conversions(100, 49, 100, 51);
        assertThat(r.expectedLossChoosingControl()).isCloseTo(0.03872, within(GB));
        assertThat(r.expectedLossChoosingVariant()).isCloseTo(0.01912, within(GB));
    }

    @Test
    void chanceToBeatControlMatchesEvanMillersClosedForm() {
        // Evan Miller (2015), "Formulas for Bayesian A/B testing": P(pB > pA) for Beta posteriors as a finite sum;
        // scipy.integrate.quad gives 0.6107705226878396 for the same case
        assertThat(BayesianTest.conversions(100, 49, 100, 51).chanceToBeatControl())
                .isCloseTo(millerChanceToBeat(50, 52, 52, 50), within(1e-9))
                .isCloseTo(0.6107705226878396, within(1e-9));
        assertThat(BayesianTest.conversions(40, 3, 35, 9).chanceToBeatControl())
                .isCloseTo(millerChanceToBeat(4, 38, 10, 27), within(1e-9));
    }

    @Test
    void largeCountsStayAccurate() {
        // 10,000 of 100,000 vs 10,300 of 100,000; scipy.integrate.quad over the same integrals:
        // P(B > A) = 0.9868351801869504, E[max(A - B, 0)] = 6.21081311381757e-06
        BayesianTest.Result r = BayesianTest.conversions(100_000, 10_000, 100_000, 10_300);
        assertThat(r.chanceToBeatControl()).isCloseTo(0.9868351801869504, within(1e-9));
        assertThat(r.expectedLossChoosingVariant()).isCloseTo(6.21081311381757e-06, within(1e-11));
        BayesianTest.Result huge = BayesianTest.conversions(50_000_000, 5_000_000, 50_000_000, 5_003_000);
        // 50M units per arm: the posteriors are normal to many digits, z = 0.003 / sqrt(2 * 0.1 * 0.9 / 5e7) = 1.0
        assertThat(huge.chanceToBeatControl()).isCloseTo(0.8413447460685429, within(1e-4));
    }

    @Test
    void normalApproximationMatchesGbstatsGaussianRisk() {
        // gbstats (commit a1201e7, test_bayesian_gaussian_ab_test, MIT License): sums 100/105, squares 1002.25/1111.5,
        // n 10/10 have risk [0.51256, 0.01256]; the chance to beat under the normal posterior is Φ(0.5 / 0.353553) = Φ(√2)
        BayesianTest.Result r = BayesianTest.means(ArmMoments.of(MetricSummary.of(10, 100, 1002.25), MetricType.MEAN),
                ArmMoments.of(MetricSummary.of(10, 105, 1111.5), MetricType.MEAN));
        assertThat(r.expectedLossChoosingControl()).isCloseTo(0.51256, within(1e-4));
        assertThat(r.expectedLossChoosingVariant()).isCloseTo(0.01256, within(1e-4));
        assertThat(r.chanceToBeatControl()).isCloseTo(0.9213503964748575, within(1e-9));
    }

    @Test
    void lowerIsBetterSwapsChanceAndLosses() {
        BayesianTest.Result r = BayesianTest.conversions(100, 49, 100, 51);
        BayesianTest.Result lower = r.lowerIsBetter();
        assertThat(lower.chanceToBeatControl()).isCloseTo(1 - r.chanceToBeatControl(), within(1e-15));
        assertThat(lower.expectedLossChoosingVariant()).isEqualTo(r.expectedLossChoosingControl());
        assertThat(lower.expectedLossChoosingControl()).isEqualTo(r.expectedLossChoosingVariant());
    }

    /** Miller's formula: Σ_{i=0}^{αB−1} B(αA+i, βA+βB) / ((βB+i) B(1+i, βB) B(αA, βA)), for integer αB. */
    private static double millerChanceToBeat(int alphaA, int betaA, int alphaB, int betaB) {
        double total = 0;
        for (int i = 0; i < alphaB; i++) {
            total += Math.exp(Beta.logBeta(alphaA + i, betaA + betaB) - Math.log(betaB + i) - Beta.logBeta(1 + i, betaB)
                    - Beta.logBeta(alphaA, betaA));
        }
        return total;
    }
}

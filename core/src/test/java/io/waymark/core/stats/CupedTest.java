package io.waymark.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CupedTest {
    /**
     * x = 10 + 2·z1 (the pre-exposure value), y = 20 + 3·(rho·z1 + sqrt(1 − rho²)·z2) + effect: corr(x, y) = rho,
     * theta = cov/var(x) = 3·rho·2/4 = 1.5·rho.
     */
    private static MetricSummary simulate(SplittableRandom random, int n, double rho, double effect) {
        MetricSummary s = MetricSummary.EMPTY;
        for (int i = 0; i < n; i++) {
            double z1 = random.nextGaussian();
            double z2 = random.nextGaussian();
            s = s.add(20 + effect + 3 * (rho * z1 + Math.sqrt(1 - rho * rho) * z2), 10 + 2 * z1);
        }
        return s;
    }

    @Test
    void varianceShrinksByRhoSquared() {
        for (double rho : new double[] {0.3, 0.6, 0.9}) {
            SplittableRandom random = new SplittableRandom(42);
            Cuped.Adjustment a = Cuped.adjust(List.of(simulate(random, 20_000, rho, 0), simulate(random, 20_000, rho, 0.2)));
            assertThat(a.theta()).as("theta at rho %s", rho).isCloseTo(1.5 * rho, within(0.03));
            // Deng et al. 2013: Var(Y_cv) = Var(Y)(1 − rho²); the sampling error of r² at n = 20,000 is < 0.01
            for (double reduction : a.varianceReduction()) {
                assertThat(reduction).as("reduction at rho %s", rho).isCloseTo(rho * rho, within(0.02));
            }
        }
    }

    @Test
    void keepsTheEffectAndNarrowsItsInterval() {
        SplittableRandom random = new SplittableRandom(3);
        MetricSummary control = simulate(random, 20_000, 0.8, 0);
        MetricSummary treatment = simulate(random, 20_000, 0.8, 0.05);
        FrequentistTest test = new FrequentistTest(0.05);
        Estimate raw = test.compare(ArmMoments.of(control, MetricType.MEAN), ArmMoments.of(treatment, MetricType.MEAN)).absolute();
        Cuped.Adjustment a = Cuped.adjust(List.of(control, treatment));
        Estimate adjusted = test.compare(a.arms().get(0), a.arms().get(1)).absolute();
        assertThat(adjusted.standardError() / raw.standardError()).isCloseTo(Math.sqrt(1 - 0.64), within(0.02));
        // the adjusted difference still estimates the true 0.05, within its (smaller) noise
        assertThat(adjusted.estimate()).isCloseTo(0.05, within(3 * adjusted.standardError()));
    }

    @Test
    void withoutCovariateNothingChanges() {
        Cuped.Adjustment a = Cuped.adjust(List.of(MetricSummary.of(10, 5, 30), MetricSummary.of(12, 7, 40)));
        assertThat(a.theta()).isZero();
        assertThat(a.arms().get(1)).isEqualTo(ArmMoments.of(MetricSummary.of(12, 7, 40), MetricType.MEAN));
        assertThat(a.varianceReduction()).containsExactly(0.0, 0.0);
    }
}

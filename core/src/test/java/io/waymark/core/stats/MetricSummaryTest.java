package io.waymark.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetricSummaryTest {
    @Test
    void mergedPartitionsEqualTheWhole() {
        SplittableRandom random = new SplittableRandom(7);
        MetricSummary whole = MetricSummary.EMPTY;
        MetricSummary[] parts = {MetricSummary.EMPTY, MetricSummary.EMPTY, MetricSummary.EMPTY};
        double[] ys = new double[1000];
        for (int i = 0; i < ys.length; i++) {
            double x = random.nextGaussian() * 3 + 5;
            double y = x + random.nextGaussian();
            ys[i] = y;
            whole = whole.add(y, x);
            parts[i % 3] = parts[i % 3].add(y, x);
        }
        MetricSummary merged = parts[0].merge(parts[1]).merge(parts[2]);
        assertThat(merged.n()).isEqualTo(1000);
        assertThat(merged.mean()).isCloseTo(whole.mean(), within(1e-12));
        assertThat(merged.variance()).isCloseTo(whole.variance(), within(1e-9));
        assertThat(merged.covariance()).isCloseTo(whole.covariance(), within(1e-9));

        // the power-sum variance agrees with the two-pass textbook formula
        double mean = 0;
        for (double y : ys) {
            mean += y / ys.length;
        }
        double ss = 0;
        for (double y : ys) {
            ss += (y - mean) * (y - mean);
        }
        assertThat(whole.variance()).isCloseTo(ss / (ys.length - 1), within(1e-9));
    }

    @Test
    void conversionsAreZeroOneValues() {
        MetricSummary c = MetricSummary.conversions(10, 3);
        assertThat(c).isEqualTo(MetricSummary.of(10, 3, 3));
        assertThat(c.mean()).isEqualTo(0.3);
        assertThat(ArmMoments.of(c, MetricType.BINOMIAL).variance()).isCloseTo(0.21, within(1e-15));
        assertThat(ArmMoments.of(c, MetricType.MEAN).variance()).isCloseTo(0.21 * 10 / 9, within(1e-15));
        assertThat(c.hasCovariate()).isFalse();
        assertThatThrownBy(() -> MetricSummary.conversions(10, 11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetricSummary.of(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tooFewUnitsHaveNoVariance() {
        assertThat(MetricSummary.EMPTY.mean()).isZero();
        assertThat(MetricSummary.EMPTY.add(4).variance()).isZero();
    }
}

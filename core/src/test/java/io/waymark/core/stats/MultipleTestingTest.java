package io.waymark.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MultipleTestingTest {
    private static final double[] P = {0.01, 0.04, 0.03, 0.005};

    @Test
    void holmStepsDown() {
        // sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → kept non-decreasing: 0.06
        assertThat(MultipleTesting.adjust(MultipleTesting.Method.HOLM, P)).containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-15));
    }

    @Test
    void benjaminiHochbergStepsUp() {
        // scipy.stats.false_discovery_control([0.01, 0.04, 0.03, 0.005]) = [0.02, 0.04, 0.04, 0.02]
        assertThat(MultipleTesting.adjust(MultipleTesting.Method.BENJAMINI_HOCHBERG, P))
                .containsExactly(new double[] {0.02, 0.04, 0.04, 0.02}, within(1e-15));
    }

    @Test
    void capsAtOneAndKeepsSingletons() {
        assertThat(MultipleTesting.adjust(MultipleTesting.Method.HOLM, new double[] {0.6, 0.7})).containsExactly(1.0, 1.0);
        assertThat(MultipleTesting.adjust(MultipleTesting.Method.BENJAMINI_HOCHBERG, new double[] {0.6, 0.7})).containsExactly(0.7, 0.7);
        assertThat(MultipleTesting.adjust(MultipleTesting.Method.HOLM, new double[] {0.02})).containsExactly(0.02);
        assertThat(MultipleTesting.adjust(MultipleTesting.Method.NONE, P)).containsExactly(P);
        assertThat(MultipleTesting.adjust(MultipleTesting.Method.HOLM, new double[0])).isEmpty();
    }
}

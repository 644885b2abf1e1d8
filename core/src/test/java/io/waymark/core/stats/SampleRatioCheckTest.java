package io.waymark.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SampleRatioCheckTest {
    // reference values: scipy.stats.chisquare (scipy 1.17.1) on the same counts

    @Test
    void flagsABrokenFiftyFiftySplit() {
        SampleRatioCheck.Result r = SampleRatioCheck.check(List.of(5210L, 4790L), List.of(1.0, 1.0), 0.001);
        assertThat(r.chiSquare()).isCloseTo(17.64, within(1e-9));
        assertThat(r.degreesOfFreedom()).isEqualTo(1);
        assertThat(r.pValue()).isCloseTo(2.6691498031812692e-05, within(1e-10));
        assertThat(r.mismatch()).isTrue();
    }

    @Test
    void acceptsNoise() {
        SampleRatioCheck.Result r = SampleRatioCheck.check(List.of(5060L, 4940L), List.of(50.0, 50.0), 0.001);
        assertThat(r.chiSquare()).isCloseTo(1.44, within(1e-9));
        assertThat(r.pValue()).isCloseTo(0.23013934044341314, within(1e-9));
        assertThat(r.mismatch()).isFalse();
    }

    @Test
    void usesTheConfiguredWeights() {
        // 120/80 against a 60/40 split fits exactly; against 50/50 it is chi-square 8.0, p 0.004677734981047276
        assertThat(SampleRatioCheck.check(List.of(120L, 80L), List.of(0.6, 0.4), 0.001).chiSquare()).isCloseTo(0, within(1e-12));
        SampleRatioCheck.Result even = SampleRatioCheck.check(List.of(120L, 80L), List.of(1.0, 1.0), 0.001);
        assertThat(even.pValue()).isCloseTo(0.004677734981047276, within(1e-10));
        assertThat(even.mismatch()).isFalse();
        assertThat(SampleRatioCheck.check(List.of(120L, 80L), List.of(1.0, 1.0), 0.01).mismatch()).isTrue();
        // three arms: 1030/1000/970 → chi-square 1.8, p 0.4065696597405992
        SampleRatioCheck.Result three = SampleRatioCheck.check(List.of(1030L, 1000L, 970L), List.of(1.0, 1.0, 1.0), 0.001);
        assertThat(three.degreesOfFreedom()).isEqualTo(2);
        assertThat(three.pValue()).isCloseTo(0.4065696597405992, within(1e-10));
        assertThat(three.expected()).containsExactly(1000.0, 1000.0, 1000.0);
    }

    @Test
    void noUnitsIsNoMismatch() {
        assertThat(SampleRatioCheck.check(List.of(0L, 0L), List.of(1.0, 1.0), 0.001).pValue()).isEqualTo(1);
    }
}

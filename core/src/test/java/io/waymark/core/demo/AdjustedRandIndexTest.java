package io.waymark.core.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The examples of scikit-learn's {@code adjusted_rand_score} documentation, so the persona recovery score is the usual ARI. */
class AdjustedRandIndexTest {
    @Test
    void matchesScikitLearnExamples() {
        assertThat(AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 1})).isEqualTo(1.0);
        assertThat(AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 0})).isEqualTo(1.0);
        assertThat(AdjustedRandIndex.of(new int[] {0, 0, 1, 2}, new int[] {0, 0, 1, 1})).isCloseTo(0.5714285714285714, within(1e-12));
        assertThat(AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2})).isCloseTo(0.5714285714285714, within(1e-12));
        assertThat(AdjustedRandIndex.of(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3})).isEqualTo(0.0);
        assertThat(AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1})).isCloseTo(-0.5, within(1e-12));
    }
}

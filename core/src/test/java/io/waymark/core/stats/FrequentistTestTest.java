package io.waymark.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FrequentistTestTest {
    private static final double GB = 0.5e-5; // gbstats rounds its expected values to 5 decimals

    /*
     * Reference values: GrowthBook's gbstats, packages/stats/tests/frequentist/test_tests.py, TestTwoSidedTTest
     * (github.com/growthbook/growthbook at 8f1db44, MIT License, Copyright (c) 2024 GrowthBook, Inc.).
     */
    private static final ArmMoments A = ArmMoments.of(MetricSummary.of(3407, 1396.87, 52377.9767), MetricType.MEAN);
    private static final ArmMoments B = ArmMoments.of(MetricSummary.of(3461, 2422.7, 134698.29), MetricType.MEAN);

    @Test
    void relativeLiftMatchesGbstatsTwoSidedTTest() {
        Estimate r = new FrequentistTest(0.05).compare(A, B).relative();
        assertThat(r.estimate()).isCloseTo(0.70732, within(GB));
        assertThat(r.standardError()).isCloseTo(0.37879, within(GB));
        assertThat(r.lower()).isCloseTo(-0.03526, within(GB));
        assertThat(r.upper()).isCloseTo(1.44989, within(GB));
        assertThat(r.pValue()).isCloseTo(0.06191, within(GB));
    }

    @Test
    void absoluteDifferenceMatchesGbstatsTwoSidedTTest() {
        Estimate a = new FrequentistTest(0.05).compare(A, B).absolute();
        assertThat(a.estimate()).isCloseTo(0.29, within(GB));
        assertThat(a.standardError()).isCloseTo(0.12478, within(GB));
        assertThat(a.lower()).isCloseTo(0.04538, within(GB));
        assertThat(a.upper()).isCloseTo(0.53462, within(GB));
        assertThat(a.pValue()).isCloseTo(0.02016, within(GB));
    }

    @Test
    void binomialMatchesGbstatsProportionTest() {
        // test_two_sided_ttest_binom: 14 of 28 vs 16 of 30, relative
        Estimate r = new FrequentistTest(0.05).compare(ArmMoments.of(MetricSummary.conversions(28, 14), MetricType.BINOMIAL),
                ArmMoments.of(MetricSummary.conversions(30, 16), MetricType.BINOMIAL)).relative();
        assertThat(r.estimate()).isCloseTo(0.06667, within(GB));
        assertThat(r.standardError()).isCloseTo(0.2717, within(GB));
        assertThat(r.lower()).isCloseTo(-0.47767, within(GB));
        assertThat(r.upper()).isCloseTo(0.61101, within(GB));
        assertThat(r.pValue()).isCloseTo(0.80707, within(GB));
    }

    @Test
    void welchMatchesScipyOnItsDocumentationExample() {
        // scipy.stats.ttest_ind_from_stats docs example (n 13, mean 15, var 87.5; n 11, mean 12, var 39) with
        // equal_var=False, computed with scipy 1.17.1: statistic 0.9358461935556048, pvalue 0.35999818693244234;
        // Welch-Satterthwaite df 20.984611233429924, 95% interval of the difference (-3.6668221444133, 9.666822144413299)
        FrequentistTest.Result r = new FrequentistTest(0.05).compare(new ArmMoments(11, 12.0, 39.0), new ArmMoments(13, 15.0, 87.5));
        assertThat(r.degreesOfFreedom()).isCloseTo(20.984611233429924, within(1e-12));
        Estimate a = r.absolute();
        assertThat(a.estimate() / a.standardError()).isCloseTo(0.9358461935556048, within(1e-12));
        assertThat(a.pValue()).isCloseTo(0.35999818693244234, within(1e-9));
        assertThat(a.lower()).isCloseTo(-3.6668221444133, within(1e-8));
        assertThat(a.upper()).isCloseTo(9.666822144413299, within(1e-8));
    }

    @Test
    void alphaWidensOrNarrowsTheInterval() {
        Estimate at5 = new FrequentistTest(0.05).compare(A, B).absolute();
        Estimate at1 = new FrequentistTest(0.01).compare(A, B).absolute();
        assertThat(at1.lower()).isLessThan(at5.lower());
        assertThat(at1.upper()).isGreaterThan(at5.upper());
        assertThat(at1.pValue()).isEqualTo(at5.pValue());
    }

    @Test
    void tinyPValuesDoNotRoundToZero() {
        Estimate a = new FrequentistTest(0.05).compare(new ArmMoments(10_000, 0, 1), new ArmMoments(10_000, 0.2, 1)).absolute();
        assertThat(a.pValue()).isPositive().isLessThan(1e-40);
    }

    @Test
    void refusesArmsWithoutVariance() {
        assertThat(ArmMoments.comparable(new ArmMoments(1, 1, 0), new ArmMoments(5, 1, 1))).isFalse();
        assertThat(ArmMoments.comparable(new ArmMoments(5, 1, 0), new ArmMoments(5, 2, 0))).isFalse();
        assertThatThrownBy(() -> new FrequentistTest(0.05).compare(new ArmMoments(5, 1, 0), new ArmMoments(5, 2, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FrequentistTest(0.7)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void relativeIsAbsentWhenControlMeanIsZero() {
        FrequentistTest.Result r = new FrequentistTest(0.05).compare(new ArmMoments(10, 0, 1), new ArmMoments(10, 1, 1));
        assertThat(r.relative()).isNull();
        assertThat(r.absolute().estimate()).isEqualTo(1);
    }
}

package io.waymark.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SequentialTestTest {
    private static final double GB = 0.5e-5;

    /*
     * Reference values: GrowthBook's gbstats, packages/stats/tests/frequentist/test_tests.py, TestSequentialTTest
     * (github.com/growthbook/growthbook at 8f1db44, MIT License, Copyright (c) 2024 GrowthBook, Inc.).
     */
    @Test
    void meanMetricMatchesGbstatsWithTuningParameter1000() {
        SequentialTest.Result r = new SequentialTest(0.05, 1000).compare(
                ArmMoments.of(MetricSummary.of(3000, 1396.87, 52377.9767), MetricType.MEAN),
                ArmMoments.of(MetricSummary.of(3461, 2422.7, 134698.29), MetricType.MEAN));
        Estimate e = r.relative();
        assertThat(e.estimate()).isCloseTo(0.50336, within(GB));
        assertThat(e.standardError()).isCloseTo(0.33341, within(GB));
        assertThat(e.lower()).isCloseTo(-0.55844, within(GB));
        assertThat(e.upper()).isCloseTo(1.56516, within(GB));
        assertThat(e.pValue()).isEqualTo(1.0);
    }

    @Test
    void proportionMatchesGbstatsWithDefaultTuning() {
        SequentialTest.Result r = new SequentialTest(0.05, SequentialTest.DEFAULT_TUNING).compare(
                ArmMoments.of(MetricSummary.conversions(3000, 1396), MetricType.BINOMIAL),
                ArmMoments.of(MetricSummary.conversions(3461, 2422), MetricType.BINOMIAL));
        Estimate e = r.relative();
        assertThat(e.estimate()).isCloseTo(0.50386, within(GB));
        assertThat(e.standardError()).isCloseTo(0.03386, within(GB));
        assertThat(e.lower()).isCloseTo(0.40098, within(GB));
        assertThat(e.upper()).isCloseTo(0.60675, within(GB));
        assertThat(e.pValue()).isLessThan(GB);
    }

    @Test
    void pValueBelowAlphaExactlyWhenTheIntervalExcludesZero() {
        SequentialTest test = new SequentialTest(0.05, 5000);
        ArmMoments control = new ArmMoments(2000, 10, 4);
        for (double shift = 0; shift < 0.5; shift += 0.01) {
            Estimate e = test.compare(control, new ArmMoments(2000, 10 + shift, 4)).absolute();
            assertThat(e.pValue() < 0.05).as("shift %s", shift).isEqualTo(e.lower() > 0);
        }
    }

    @Test
    void isWiderThanTheFixedHorizonInterval() {
        ArmMoments a = new ArmMoments(5000, 0.1, 0.09);
        ArmMoments b = new ArmMoments(5000, 0.11, 0.0979);
        Estimate fixed = new FrequentistTest(0.05).compare(a, b).absolute();
        Estimate sequential = new SequentialTest(0.05, 5000).compare(a, b).absolute();
        assertThat(sequential.upper() - sequential.lower()).isGreaterThan(fixed.upper() - fixed.lower());
        assertThat(sequential.pValue()).isGreaterThan(fixed.pValue());
    }
}

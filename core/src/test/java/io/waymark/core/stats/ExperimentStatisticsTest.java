package io.waymark.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waymark.core.error.WaymarkException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExperimentStatisticsTest {
    private static final ExperimentData.Metric CONVERSION = new ExperimentData.Metric("purchase conversion", MetricType.BINOMIAL,
            ExperimentData.Role.PRIMARY, true,
            List.of(MetricSummary.conversions(10_000, 1000), MetricSummary.conversions(10_000, 1150), MetricSummary.conversions(10_000, 1010)));
    private static final ExperimentData.Metric REFUNDS = new ExperimentData.Metric("refund rate", MetricType.BINOMIAL,
            ExperimentData.Role.GUARDRAIL, false,
            List.of(MetricSummary.conversions(10_000, 100), MetricSummary.conversions(10_000, 105), MetricSummary.conversions(10_000, 160)));

    private static ExperimentData data(ExperimentData.Settings settings, ExperimentData.Metric... metrics) {
        return new ExperimentData(List.of("A", "B", "C"), null, null, List.of(metrics), settings);
    }

    @Test
    void readsEveryVariantAgainstControl() {
        ExperimentResult r = ExperimentStatistics.analyze(data(ExperimentData.Settings.DEFAULTS, CONVERSION, REFUNDS));
        assertThat(r.sampleRatio().mismatch()).isFalse();
        assertThat(r.correction().method()).isEqualTo("Holm");
        assertThat(r.correction().tests()).isEqualTo(2);

        ExperimentResult.Comparison b = r.metrics().get(0).comparisons().get(0);
        Estimate fixed = b.frequentist().relative();
        assertThat(b.decisive()).isEqualTo(fixed);
        assertThat(fixed.estimate()).isCloseTo(0.15, within(1e-12));
        // Holm over two p-values: the smaller is doubled
        assertThat(b.adjustedPValue()).isCloseTo(2 * fixed.pValue(), within(1e-15));
        assertThat(b.bayesian().model()).startsWith("beta-binomial");
        assertThat(b.bayesian().chanceToBeatControl()).isGreaterThan(0.999);

        Verdict vb = r.verdicts().get(0);
        assertThat(vb.decision()).isEqualTo(Verdict.Decision.SHIP);
        assertThat(vb.sentence()).startsWith("B increases purchase conversion by 15.0% [").contains("Holm-adjusted p = ").endsWith("; ship B");
        // C: 1% more conversions, but 60% more refunds
        Verdict vc = r.verdicts().get(1);
        assertThat(vc.guardrailsHeld()).isFalse();
        assertThat(vc.decision()).isEqualTo(Verdict.Decision.KEEP_CONTROL);
        assertThat(vc.sentence()).contains("guardrail refund rate worsened").endsWith("; keep A");
        assertThat(r.metrics().get(1).comparisons().get(1).bayesian().chanceToBeatControl()).as("lower is better").isLessThan(0.01);
    }

    @Test
    void sequentialModeDecidesOnTheConfidenceSequence() {
        ExperimentResult r = ExperimentStatistics.analyze(data(ExperimentData.Settings.DEFAULTS.withSequential(true), CONVERSION));
        ExperimentResult.Comparison b = r.metrics().get(0).comparisons().get(0);
        assertThat(b.sequential()).isNotNull();
        assertThat(b.decisive()).isEqualTo(b.sequential().relative());
        assertThat(b.decisive().upper() - b.decisive().lower())
                .isGreaterThan(b.frequentist().relative().upper() - b.frequentist().relative().lower());
    }

    @Test
    void cupedAppliesWhenEveryArmCarriesACovariate() {
        SplittableRandom random = new SplittableRandom(11);
        MetricSummary[] arms = {MetricSummary.EMPTY, MetricSummary.EMPTY};
        for (int i = 0; i < 4000; i++) {
            double pre = 50 + 10 * random.nextGaussian();
            arms[i % 2] = arms[i % 2].add(pre + 5 * random.nextGaussian() + (i % 2), pre);
        }
        ExperimentData.Metric revenue = new ExperimentData.Metric("revenue per user", MetricType.MEAN, ExperimentData.Role.PRIMARY,
                true, List.of(arms));
        ExperimentResult r = ExperimentStatistics.analyze(new ExperimentData(List.of("A", "B"), null, null, List.of(revenue), null));
        ExperimentResult.MetricResult m = r.metrics().get(0);
        assertThat(m.cupedTheta()).isCloseTo(1.0, within(0.05));
        assertThat(m.arms().get(1).varianceReduction()).isCloseTo(0.8, within(0.03)); // rho² = 100 / 125
        ExperimentData.Settings noCuped = new ExperimentData.Settings(0.05, MultipleTesting.Method.HOLM, false, 5000, false, 0.001);
        ExperimentResult plain = ExperimentStatistics.analyze(new ExperimentData(List.of("A", "B"), null, null, List.of(revenue), noCuped));
        assertThat(plain.metrics().get(0).cupedTheta()).isNull();
        assertThat(m.comparisons().get(0).frequentist().absolute().standardError())
                .isLessThan(0.5 * plain.metrics().get(0).comparisons().get(0).frequentist().absolute().standardError());
    }

    @Test
    void sampleRatioMismatchIsReportedFromTheUnits() {
        ExperimentData d = new ExperimentData(List.of("A", "B", "C"), List.of(1.0, 1.0, 1.0), List.of(10_000L, 10_000L, 9_000L),
                List.of(CONVERSION), null);
        ExperimentResult r = ExperimentStatistics.analyze(d);
        assertThat(r.sampleRatio().mismatch()).isTrue();
        assertThat(r.verdicts()).allSatisfy(v -> assertThat(v.decision()).isEqualTo(Verdict.Decision.FIX_ASSIGNMENT));
    }

    @Test
    void tooLittleDataSaysSo() {
        ExperimentData.Metric tiny = new ExperimentData.Metric("signup", MetricType.BINOMIAL, ExperimentData.Role.PRIMARY, true,
                List.of(MetricSummary.conversions(1, 0), MetricSummary.conversions(0, 0)));
        ExperimentResult r = ExperimentStatistics.analyze(new ExperimentData(List.of("A", "B"), null, List.of(1L, 1L), List.of(tiny), null));
        assertThat(r.metrics().get(0).comparisons().get(0).note()).startsWith("not enough data");
        assertThat(r.verdicts().get(0).sentence()).isEqualTo("not enough data on signup for B yet; keep running");
        assertThat(r.correction().tests()).isZero();
    }

    @Test
    void serializesToJson() throws Exception {
        ExperimentResult r = ExperimentStatistics.analyze(data(ExperimentData.Settings.DEFAULTS.withSequential(true), CONVERSION, REFUNDS));
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(r));
        assertThat(json.at("/correction/method").asText()).isEqualTo("Holm");
        assertThat(json.at("/metrics/0/comparisons/0/sequential/rho").asDouble()).isPositive();
        assertThat(json.at("/metrics/0/comparisons/0/decisive/lower").isNumber()).isTrue();
        // the confidence sequence is wider: +15% on 10,000 units per arm is not yet enough
        assertThat(json.at("/verdicts/0/sentence").asText()).endsWith("keep running");
        assertThat(json.at("/verdicts/0/decision").asText()).isEqualTo("KEEP_RUNNING");
        assertThat(json.at("/sampleRatio/pValue").isNumber()).isTrue();
    }

    @Test
    void rejectsMalformedInputNamingTheField() {
        ExperimentData.Metric short1 = new ExperimentData.Metric("x", MetricType.MEAN, ExperimentData.Role.PRIMARY, true,
                List.of(MetricSummary.of(5, 1, 1)));
        assertThatThrownBy(() -> ExperimentStatistics.analyze(new ExperimentData(List.of("A", "B"), null, null, List.of(short1), null)))
                .isInstanceOfSatisfying(WaymarkException.class, e -> assertThat(e.field()).isEqualTo("metrics[0].variants"));
        assertThatThrownBy(() -> ExperimentStatistics.analyze(new ExperimentData(List.of("A", "A"), null, null, List.of(CONVERSION), null)))
                .isInstanceOfSatisfying(WaymarkException.class, e -> assertThat(e.field()).isEqualTo("variants"));
        ExperimentData.Metric overConverted = new ExperimentData.Metric("x", MetricType.BINOMIAL, ExperimentData.Role.PRIMARY, true,
                List.of(MetricSummary.of(5, 1, 1), MetricSummary.of(5, 6, 6)));
        assertThatThrownBy(() -> ExperimentStatistics.analyze(new ExperimentData(List.of("A", "B"), null, null, List.of(overConverted), null)))
                .isInstanceOfSatisfying(WaymarkException.class, e -> assertThat(e.field()).isEqualTo("metrics[0].variants[1]"));
        assertThatThrownBy(() -> ExperimentStatistics.analyze(data(ExperimentData.Settings.DEFAULTS, REFUNDS)))
                .isInstanceOfSatisfying(WaymarkException.class, e -> assertThat(e.field()).isEqualTo("metrics"));
    }
}

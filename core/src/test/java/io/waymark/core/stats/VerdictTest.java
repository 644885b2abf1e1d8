package io.waymark.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {
    private static final SampleRatioCheck.Result BALANCED = SampleRatioCheck.check(List.of(5000L, 5000L), List.of(1.0, 1.0), 0.001);

    private static Verdict.Reading conversion(Estimate e) {
        return new Verdict.Reading("purchase conversion", true, e, true, e.pValue(), "p");
    }

    @Test
    void significantGainShips() {
        Verdict v = Verdict.decide("A", "B", conversion(new Estimate(0.041, 0.0148, 0.012, 0.070, 0.004)), 0.05, List.of(), BALANCED);
        assertThat(v.sentence()).isEqualTo("B increases purchase conversion by 4.1% [1.2%, 7.0%] (p = 0.004); ship B");
        assertThat(v.decision()).isEqualTo(Verdict.Decision.SHIP);
        assertThat(v.guardrailsHeld()).isTrue();
    }

    @Test
    void significantLossKeepsControl() {
        Verdict v = Verdict.decide("A", "B", conversion(new Estimate(-0.03, 0.0107, -0.051, -0.009, 0.0004)), 0.05, List.of(), BALANCED);
        assertThat(v.sentence()).isEqualTo("B decreases purchase conversion by 3.0% [0.9%, 5.1%] (p < 0.001); keep A");
        assertThat(v.decision()).isEqualTo(Verdict.Decision.KEEP_CONTROL);
    }

    @Test
    void decreaseOfALowerIsBetterMetricShips() {
        Verdict.Reading loadTime = new Verdict.Reading("page load time", false, new Estimate(-0.1, 0.02, -0.14, -0.06, 0.001),
                true, 0.002, "Holm-adjusted p");
        Verdict v = Verdict.decide("A", "B", loadTime, 0.05, List.of(), BALANCED);
        assertThat(v.sentence()).isEqualTo("B decreases page load time by 10.0% [6.0%, 14.0%] (Holm-adjusted p = 0.002); ship B");
    }

    @Test
    void noDifferenceKeepsRunning() {
        Verdict v = Verdict.decide("A", "B", conversion(new Estimate(0.008, 0.0138, -0.019, 0.035, 0.56)), 0.05, List.of(), BALANCED);
        assertThat(v.sentence())
                .isEqualTo("no detectable difference in purchase conversion between B and A yet (+0.8% [-1.9%, +3.5%], p = 0.560); keep running");
        assertThat(v.decision()).isEqualTo(Verdict.Decision.KEEP_RUNNING);
    }

    @Test
    void aFailedGuardrailVetoesShipping() {
        Verdict.Guardrail refunds = Verdict.Guardrail.evaluate("refund rate", false, new Estimate(0.12, 0.046, 0.03, 0.21, 0.01), true);
        Verdict.Guardrail latency = Verdict.Guardrail.evaluate("latency", false, new Estimate(0.05, 0.03, -0.01, 0.11, 0.1), true);
        assertThat(refunds.held()).isFalse();
        assertThat(latency.held()).as("a rise that is not significant is no harm yet").isTrue();
        Verdict v = Verdict.decide("A", "B", conversion(new Estimate(0.041, 0.0148, 0.012, 0.070, 0.004)), 0.05,
                List.of(refunds, latency), BALANCED);
        assertThat(v.sentence()).isEqualTo(
                "B increases purchase conversion by 4.1% [1.2%, 7.0%] (p = 0.004), but guardrail refund rate worsened (+12.0% [+3.0%, +21.0%]); keep A");
        assertThat(v.decision()).isEqualTo(Verdict.Decision.KEEP_CONTROL);
        assertThat(v.guardrailsHeld()).isFalse();
    }

    @Test
    void aGuardrailWhereHigherIsBetterFailsOnASignificantDrop() {
        assertThat(Verdict.Guardrail.evaluate("revenue", true, new Estimate(-0.1, 0.03, -0.16, -0.04, 0.001), true).held()).isFalse();
        assertThat(Verdict.Guardrail.evaluate("revenue", true, new Estimate(0.1, 0.03, 0.04, 0.16, 0.001), true).held()).isTrue();
    }

    @Test
    void sampleRatioMismatchOverridesEverything() {
        SampleRatioCheck.Result broken = SampleRatioCheck.check(List.of(5210L, 4790L), List.of(1.0, 1.0), 0.001);
        Verdict v = Verdict.decide("A", "B", conversion(new Estimate(0.041, 0.0148, 0.012, 0.070, 0.004)), 0.05, List.of(), broken);
        assertThat(v.decision()).isEqualTo(Verdict.Decision.FIX_ASSIGNMENT);
        assertThat(v.sentence()).startsWith("sample ratio mismatch (p = 0.0000267 < 0.001)");
    }

    @Test
    void absoluteEffectsWhenControlIsZero() {
        Verdict v = Verdict.decide("A", "B", new Verdict.Reading("refunds", true, new Estimate(0.5213, 0.2, 0.1234, 0.9192, 0.01),
                false, 0.01, "p"), 0.05, List.of(), BALANCED);
        assertThat(v.sentence()).isEqualTo("B increases refunds by 0.521 [0.123, 0.919] (p = 0.010); ship B");
    }
}

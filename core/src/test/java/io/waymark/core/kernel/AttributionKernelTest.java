package io.waymark.core.kernel;

import static io.waymark.core.event.Channel.ADS;
import static io.waymark.core.event.Channel.EMAIL;
import static io.waymark.core.event.Channel.SOCIAL;
import static io.waymark.core.event.Channel.WEB;
import static io.waymark.core.kernel.AttributionJourneys.d;
import static io.waymark.core.kernel.AttributionJourneys.h;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.Channel;
import io.waymark.core.query.AttributionSpec;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.core.spend.SpendEntry;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributionKernelTest {
    private final AttributionJourneys j = new AttributionJourneys();

    private AttributionResult run(String extra) {
        return run(extra, List.of());
    }

    private AttributionResult run(String extra, List<SpendEntry> spend) {
        var spec = (AttributionSpec) new QuerySpecParser().parse("{\"kind\":\"attribution\"" + extra + "}");
        return (AttributionResult) Analyses.run(spec, j.columns(), spend).result();
    }

    static Map<String, Double> conversions(AttributionResult r) {
        Map<String, Double> out = new HashMap<>();
        r.rows().forEach(row -> out.put(row.campaign() == null ? row.channel() : row.channel() + "/" + row.campaign(), row.conversions()));
        return out;
    }

    /** person p1: ads at t0, social at t0+1d, email at t0+2d, direct web visit at t0+3d, purchase of 100 ten minutes later. */
    private void fourTouches() {
        j.person("p1").visit(0, ADS, "brand").visit(d(1), SOCIAL, "tiktok").visit(d(2), EMAIL, "news").visit(d(3), WEB, null)
                .buy(d(3) + h(1.0 / 6), 100);
    }

    @Test
    void ruleBasedModelsSplitOneConversion() {
        fourTouches();
        assertThat(conversions(run(",\"model\":\"first_touch\""))).isEqualTo(Map.of("ads", 1.0));
        assertThat(conversions(run(",\"model\":\"last_touch\""))).isEqualTo(Map.of("web", 1.0));
        assertThat(conversions(run(",\"model\":\"linear\""))).isEqualTo(Map.of("ads", 0.25, "social", 0.25, "email", 0.25, "web", 0.25));
        assertThat(conversions(run(",\"model\":\"position_based\""))).isEqualTo(Map.of("ads", 0.4, "social", 0.1, "email", 0.1, "web", 0.4));
        var r = run(",\"model\":\"linear\",\"value\":\"revenue\"");
        assertThat(r.conversions()).isEqualTo(1);
        assertThat(r.revenue()).isEqualTo(100.0);
        assertThat(r.rows()).extracting(AttributionResult.Row::revenue).containsExactly(25.0, 25.0, 25.0, 25.0);
        // ties on value sort by channel name
        assertThat(r.rows()).extracting(AttributionResult.Row::channel).containsExactly("ads", "email", "social", "web");
    }

    @Test
    void timeDecayHalvesTheWeightPerHalfLife() {
        fourTouches();
        var c = conversions(run(",\"model\":\"time_decay\",\"halfLifeDays\":1"));
        // ages 3d+10m, 2d+10m, 1d+10m, 10m: weights 2^-3, 2^-2, 2^-1, 1 times the same factor 2^-(10m/1d)
        double sum = 0.125 + 0.25 + 0.5 + 1;
        assertThat(c.get("ads")).isCloseTo(0.125 / sum, within(1e-12));
        assertThat(c.get("social")).isCloseTo(0.25 / sum, within(1e-12));
        assertThat(c.get("web")).isCloseTo(1 / sum, within(1e-12));
    }

    @Test
    void positionBasedWithTwoTouchesIsFiftyFifty() {
        j.person("p1").visit(0, ADS, "brand").visit(d(1), EMAIL, "news").buy(d(2), 10);
        assertThat(conversions(run(",\"model\":\"position_based\""))).isEqualTo(Map.of("ads", 0.5, "email", 0.5));
    }

    @Test
    void lookbackIsInclusiveAtItsStartAndTouchesAtTheConversionInstantDoNotCount() {
        j.person("in").visit(0, ADS, "brand").buy(d(30), 10);
        j.person("out").visit(0, SOCIAL, "tiktok").buy(d(30) + 1, 10);
        j.person("same-instant").visit(0, EMAIL, "news").visit(d(5), WEB, null).track(d(10), "email_click", EMAIL).buy(d(10), 10);
        var c = conversions(run(",\"model\":\"last_touch\""));
        // "same-instant": the email_click at the purchase's instant is not before it; the web visit 5 days earlier is
        assertThat(c).isEqualTo(Map.of("ads", 1.0, "$none", 1.0, "web", 1.0));
    }

    @Test
    void aConversionWithoutTouchpointsGoesToNoneAndItsOwnVisitIsNoTouchpoint() {
        j.person("p1").buy(0, 50).buy(d(1), 50);
        var r = run(",\"model\":\"first_touch\"");
        assertThat(conversions(r)).isEqualTo(Map.of("$none", 2.0));
        assertThat(r.rows().get(0).revenue()).isEqualTo(100.0);
    }

    @Test
    void visitsAreCutLikeSessionsAndSentEmailsAreNoInteraction() {
        j.person("p1").visit(0, ADS, "brand")
                .visit(h(0.2), ADS, "brand")          // same visit: no new touchpoint
                .track(h(0.3), "email_sent", EMAIL)   // sent by the shop: ignored
                .track(h(5), "email_open", EMAIL)     // after the 30-minute gap: an e-mail touchpoint
                .visit(h(5.1), SOCIAL, "tiktok")      // a new campaign source: a new visit
                .buy(h(5.2), 30);
        assertThat(conversions(run(",\"model\":\"linear\""))).containsOnlyKeys("ads", "email", "social")
                .containsEntry("ads", 1.0 / 3);
    }

    @Test
    void byCampaignKeysTheChannelAndTheUtmName() {
        j.person("p1").visit(0, ADS, "brand").visit(d(1), ADS, "generic").visit(d(2), WEB, null).buy(d(3), 90);
        var c = conversions(run(",\"model\":\"linear\",\"by\":\"campaign\""));
        assertThat(c).containsOnlyKeys("ads/brand", "ads/generic", "web/$none");
    }

    @Test
    void spendAndRoasJoinByChannelWithinTheRange() {
        j.person("p1").visit(0, ADS, "brand").buy(h(1), 100);
        var spend = List.of(new SpendEntry(LocalDate.of(2026, 3, 2), ADS, "brand", 20, "EUR"),
                new SpendEntry(LocalDate.of(2026, 3, 3), ADS, "generic", 30, "EUR"),
                new SpendEntry(LocalDate.of(2026, 3, 4), SOCIAL, "tiktok", 10, "EUR"),
                new SpendEntry(LocalDate.of(2026, 2, 1), ADS, "brand", 1000, "EUR"));
        var r = run(",\"model\":\"last_touch\",\"from\":\"2026-03-01\",\"to\":\"2026-03-04\"", spend);
        assertThat(r.rows()).containsExactly(new AttributionResult.Row("ads", null, 1, 100, 50, 2.0));
        var byCampaign = run(",\"model\":\"last_touch\",\"by\":\"campaign\"", spend);
        assertThat(byCampaign.rows()).containsExactly(new AttributionResult.Row("ads", "brand", 1, 100, 1020, 100 / 1020.0),
                new AttributionResult.Row("ads", "generic", 0, 0, 30, 0.0), new AttributionResult.Row("social", "tiktok", 0, 0, 10, 0.0));
    }

    @Test
    void spendDaysStartInTheScopeTimeZoneAndFollowTheScopeChannels() {
        j.person("p1").visit(0, ADS, "brand").buy(h(1), 100);
        var spend = List.of(new SpendEntry(LocalDate.of(2026, 3, 2), ADS, "brand", 20, "EUR"),
                new SpendEntry(LocalDate.of(2026, 3, 5), ADS, "brand", 7, "EUR"),
                new SpendEntry(LocalDate.of(2026, 3, 4), SOCIAL, "tiktok", 10, "EUR"));
        String range = ",\"model\":\"last_touch\",\"from\":\"2026-03-02T00:00:00Z\",\"to\":\"2026-03-05T00:00:00Z\"";
        // UTC: the 03-02 day starts at from (in), 03-05 at to (out)
        assertThat(costs(run(range, spend))).isEqualTo(Map.of("ads", 20.0, "social", 10.0));
        // Tokyo (UTC+9): 03-02 starts at 03-01T15:00Z (out), 03-05 at 03-04T15:00Z (in), as the KPIs count spend days
        String tokyo = range + ",\"timezone\":\"Asia/Tokyo\"";
        assertThat(costs(run(tokyo, spend))).isEqualTo(Map.of("ads", 7.0, "social", 10.0));
        // the scope's channels restrict the spend as they restrict the touchpoints
        assertThat(costs(run(tokyo + ",\"channel\":\"ads\"", spend))).isEqualTo(Map.of("ads", 7.0));
    }

    private static Map<String, Double> costs(AttributionResult r) {
        Map<String, Double> out = new HashMap<>();
        r.rows().stream().filter(row -> row.spend() != 0).forEach(row -> out.merge(row.channel(), row.spend(), Double::sum));
        return out;
    }

    /**
     * The classic three-journey example (e.g. Anderl et al. 2016, fig. 2 style; also the ChannelAttribution package's
     * vignette): C1 -> C2 -> conversion, C1 -> null, C2 -> C3 -> conversion, with C1 = ads, C2 = social, C3 = email.
     * Transitions: start->C1 2/3, start->C2 1/3; C1->C2 1/2, C1->null 1/2; C2->conv 1/2, C2->C3 1/2; C3->conv 1.
     * P(conv from C3) = 1; from C2 = 1/2 + 1/2 * 1 = 1; from C1 = 1/2 * 1 = 1/2; from start = 2/3 * 1/2 + 1/3 * 1 = 2/3.
     * Remove C1: start = 1/3 * 1 = 1/3, effect 1 - (1/3)/(2/3) = 1/2. Remove C2: every path to conv dies, effect 1.
     * Remove C3: C2 = 1/2, C1 = 1/4, start = 2/3 * 1/4 + 1/3 * 1/2 = 1/3, effect 1/2.
     * Credit of 2 conversions: C1 = 2 * 0.5/2 = 0.5, C2 = 2 * 1/2 = 1, C3 = 0.5.
     */
    @Test
    void markovRemovalEffectsOfTheThreeJourneyExample() {
        j.person("p1").visit(0, ADS, "a").visit(d(1), SOCIAL, "s").buy(d(1) + h(1), 10);
        j.person("p2").visit(d(2), ADS, "a");
        j.person("p3").visit(d(3), SOCIAL, "s").visit(d(4), EMAIL, "e").buy(d(4) + h(1), 10);
        var r = run(",\"model\":\"markov\"");
        assertThat(r.removalEffects()).hasSize(3);
        assertThat(r.removalEffects().get("ads")).isCloseTo(0.5, within(1e-12));
        assertThat(r.removalEffects().get("social")).isCloseTo(1.0, within(1e-12));
        assertThat(r.removalEffects().get("email")).isCloseTo(0.5, within(1e-12));
        var c = conversions(r);
        assertThat(c.get("ads")).isCloseTo(0.5, within(1e-12));
        assertThat(c.get("social")).isCloseTo(1.0, within(1e-12));
        assertThat(c.get("email")).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void markovNullJourneysAreTheTouchesAfterTheLastConversionWithinTheLookbackOfThePeriodEnd() {
        j.person("p1").visit(d(20), ADS, "a").buy(d(20) + h(1), 10).visit(d(21), SOCIAL, "s");
        j.person("p2").visit(0, EMAIL, "e");            // 40 days before the end: outside the window, no journey
        j.person("p3").visit(d(40), WEB, null);         // the last event of the data
        var r = run(",\"model\":\"markov\"");
        // journeys: ads -> conv, social -> null (p1 after buying), web -> null; email is in none
        assertThat(r.removalEffects()).containsOnlyKeys("ads", "social", "web");
        assertThat(r.removalEffects().get("ads")).isEqualTo(1.0);
        assertThat(conversions(r)).isEqualTo(Map.of("ads", 1.0));
    }

    /** Zhao et al. 2018: {ads, social} converts and {ads} converts; ads = 1/2 + 1, social = 1/2. */
    @Test
    void shapleySplitsEachJourneyAmongItsDistinctChannels() {
        j.person("p1").visit(0, ADS, "a").visit(d(1), SOCIAL, "s").visit(d(2), SOCIAL, "s").buy(d(2) + h(1), 30);
        j.person("p2").visit(0, ADS, "a").buy(h(1), 10);
        var r = run(",\"model\":\"shapley\",\"value\":\"revenue\"");
        assertThat(conversions(r).get("ads")).isCloseTo(1.5, within(1e-12));
        assertThat(conversions(r).get("social")).isCloseTo(0.5, within(1e-12));
        assertThat(r.rows().get(0).revenue()).isCloseTo(25.0, within(1e-12));
    }

    @Test
    void shapleyRefusesMoreThanFifteenPlayers() {
        var p = j.person("p1");
        for (int i = 0; i < 16; i++) {
            p.visit(h(i), ADS, "c" + i);
        }
        p.buy(h(17), 1);
        assertThat(run(",\"model\":\"shapley\"").rows()).hasSize(1);
        assertThatThrownBy(() -> run(",\"model\":\"shapley\",\"by\":\"campaign\""))
                .isInstanceOfSatisfying(WaymarkException.class, e -> assertThat(e.field()).isEqualTo("model"));
    }

    @Test
    void unknownConversionEventGivesAnEmptyResult() {
        fourTouches();
        var r = run(",\"conversion\":\"signup\"");
        assertThat(r.conversions()).isZero();
        assertThat(r.rows()).isEmpty();
    }

    static Channel[] channels() {
        return new Channel[] {ADS, SOCIAL, EMAIL, WEB};
    }
}

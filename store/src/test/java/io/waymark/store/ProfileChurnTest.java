package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.event.Channel;
import io.waymark.core.event.Event;
import io.waymark.core.event.EventType;
import io.waymark.core.query.ProfileResult;
import io.waymark.core.query.ProfileSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Profiles carry the churn risk of the current BG/NBD fit, and the fit follows new data. */
class ProfileChurnTest {
    private static final Instant T0 = Instant.parse("2026-01-05T12:00:00Z");

    private static Event purchase(String user, int day, double revenue, int seq) {
        ObjectNode props = Json.MAPPER.createObjectNode().put("revenue", revenue);
        Instant t = T0.plus(Duration.ofDays(day));
        return new Event("m" + seq, EventType.TRACK, "purchase", null, user, null, null, t, t, Channel.WEB, "test",
                Json.MAPPER.createObjectNode(), props, Json.MAPPER.createObjectNode());
    }

    private static Event signup(String user, int seq) {
        return new Event("s" + seq, EventType.TRACK, "signup", null, user, null, null, T0, T0, Channel.WEB, "test",
                Json.MAPPER.createObjectNode(), Json.MAPPER.createObjectNode(), Json.MAPPER.createObjectNode());
    }

    /**
     * 42 buyers (32 repeat buyers, enough for a BG/NBD fit): "steady" buys every 5 days up to the end, "lapsed"
     * bought often early and then stopped, the rest vary.
     */
    private static List<Event> buyers() {
        List<Event> out = new ArrayList<>();
        int seq = 0;
        for (int day = 0; day <= 60; day += 5) {
            out.add(purchase("steady", day, 30, seq++));
        }
        for (int day = 0; day <= 12; day += 3) {
            out.add(purchase("lapsed", day, 30, seq++));
        }
        for (int p = 0; p < 40; p++) {
            for (int k = 0; k <= p % 4; k++) {
                out.add(purchase("b" + p, p % 10 + k * (4 + p % 10), 20 + p, seq++));
            }
        }
        out.add(purchase("once", 20, 10, seq++));
        out.add(signup("visitor", seq));
        return out;
    }

    private static ProfileResult profile(DuckDbQueryEngine engine, String user) {
        return (ProfileResult) engine.run(new ProfileSpec(ProfileSpec.Lookup.USER_ID, user, 10));
    }

    @Test
    void profilesShowChurnRiskFromTheCurrentFit() {
        try (var store = DuckDbEventStore.open(null)) {
            store.append(buyers());
            var engine = new DuckDbQueryEngine(store);
            ProfileResult steady = profile(engine, "steady");
            ProfileResult lapsed = profile(engine, "lapsed");
            assertThat(steady.churnRisk()).isNotNull().isCloseTo(1 - steady.pAlive(), within(1e-12));
            assertThat(lapsed.churnRisk()).isGreaterThan(steady.churnRisk());
            assertThat(steady.expectedPurchases365d()).isGreaterThan(lapsed.expectedPurchases365d());
            ProfileResult once = profile(engine, "once");
            assertThat(once.pAlive()).as("no repeat purchase: alive for sure").isEqualTo(1.0);
            assertThat(once.churnRisk()).as("no repeat purchase: P(alive) = 1 says nothing, so no churn risk").isNull();
            assertThat(once.expectedPurchases365d()).isNotNull();
            assertThat(profile(engine, "visitor").churnRisk()).as("never purchased").isNull();

            // new data moves the store's version: "lapsed" buys again and is no longer at risk
            double before = lapsed.churnRisk();
            store.append(List.of(purchase("lapsed", 60, 30, 9999)));
            assertThat(profile(engine, "lapsed").churnRisk()).isLessThan(before);
        }
    }

    @Test
    void tooFewRepeatBuyersOrAFailedFitLeaveProfilesWithoutScores() {
        try (var store = DuckDbEventStore.open(null)) {
            List<Event> events = new ArrayList<>();
            int seq = 0;
            // 29 repeat buyers: one short of the minimum
            for (int p = 0; p < 29; p++) {
                events.add(purchase("r" + p, p % 7, 10, seq++));
                events.add(purchase("r" + p, p % 7 + 3, 10, seq++));
            }
            store.append(events);
            var engine = new DuckDbQueryEngine(store);
            ProfileResult r = profile(engine, "r0");
            assertThat(r.pAlive()).isNull();
            assertThat(r.churnRisk()).isNull();
            // 40 identical regular buyers who never drop out: a and b are not identified, the fit fails, the lookup does not
            List<Event> regular = new ArrayList<>();
            for (int p = 0; p < 40; p++) {
                for (int day = 0; day <= 60; day += 5) {
                    regular.add(purchase("g" + p, day, 10, seq++));
                }
            }
            store.append(regular);
            ProfileResult g = profile(engine, "g0");
            assertThat(g.personId()).isNotNull();
            assertThat(g.events()).isEqualTo(13);
            assertThat(g.pAlive()).as("the fit failed, so no scores").isNull();
            assertThat(g.churnRisk()).isNull();
        }
    }

    @Test
    void withoutRepeatBuyersThereIsNoScore() {
        try (var store = DuckDbEventStore.open(null)) {
            store.append(List.of(purchase("a", 0, 5, 1), purchase("b", 1, 5, 2), signup("c", 3)));
            var engine = new DuckDbQueryEngine(store);
            ProfileResult a = profile(engine, "a");
            assertThat(a.pAlive()).isNull();
            assertThat(a.churnRisk()).isNull();
            assertThat(a.expectedPurchases365d()).isNull();
        }
    }
}

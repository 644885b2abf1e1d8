package io.waymark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.activation.Channel;
import io.waymark.activation.Delivery;
import io.waymark.activation.JourneySettings;
import io.waymark.activation.OutboundMessage;
import io.waymark.core.journey.Journey;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Journeys on a real server over a real data directory, driven by a clock the test moves: events arrive over HTTP
 * ({@code /v1/track}), the test ticks the scheduler, and a recording channel (a stand-in for an external email service)
 * or the in-app channel receives what is sent.
 */
class JourneyHttpTest {
    /** An external channel that records what it is given and answers with scripted outcomes (then SENT). */
    static final class RecordingChannel implements Channel {
        final String name;
        final List<OutboundMessage> received = Collections.synchronizedList(new ArrayList<>());
        final List<Instant> at = Collections.synchronizedList(new ArrayList<>());
        final Deque<Delivery> script = new ArrayDeque<>();
        final SegmentHttpTest.MovableClock clock;

        RecordingChannel(String name, SegmentHttpTest.MovableClock clock) {
            this.name = name;
            this.clock = clock;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Delivery deliver(OutboundMessage message) {
            received.add(message);
            at.add(clock.instant());
            Delivery d = script.poll();
            return d != null ? d : Delivery.sent("250 OK");
        }

        List<String> steps() {
            return received.stream().map(m -> m.stepId() + "@" + m.personId()).toList();
        }
    }

    static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");
    static final JourneySettings MANUAL = new JourneySettings(Duration.ZERO, JourneySettings.DEFAULTS.globalCap(), Map.of(),
            JourneySettings.DEFAULTS.quietHours(), JourneySettings.DEFAULTS.backoff(), JourneySettings.DEFAULTS.lookback());

    @TempDir
    Path dir;
    final SegmentHttpTest.MovableClock clock = new SegmentHttpTest.MovableClock(T0);
    final RecordingChannel email = new RecordingChannel("email", clock);
    TestServer t;

    private TestServer open(JourneySettings settings, Channel... channels) {
        t = new TestServer(dir, clock, settings, List.of(channels));
        return t;
    }

    @AfterEach
    void close() {
        if (t != null) {
            t.close();
        }
    }

    private void track(String userId, String event, String properties) throws Exception {
        var r = t.track("{\"userId\":\"" + userId + "\",\"event\":\"" + event + "\",\"timestamp\":\"" + clock.instant()
                + "\",\"properties\":" + properties + "}");
        assertThat(r.status()).isEqualTo(200);
    }

    private void advance(Duration d) {
        clock.now = clock.now.plus(d);
    }

    private String personOf(String userId) throws Exception {
        try (var c = t.data.store().newConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT person_id FROM person_map WHERE is_user AND identity = '" + userId + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private long count(String sql) throws Exception {
        try (var c = t.data.store().newConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void createAndStart(String definition) throws Exception {
        var created = t.post("/api/v1/journeys", definition, null);
        assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("draft");
        String key = created.json().get("key").asText();
        assertThat(t.post("/api/v1/journeys/" + key + "/start", "", null).json().get("status").asText()).isEqualTo("running");
    }

    @Test
    void cartAbandonmentSendsTwoRemindersOnScheduleNoneAfterAPurchaseAndNothingTwiceAcrossARestart() throws Exception {
        open(MANUAL, email);
        var templates = t.get("/api/v1/journey-templates").json().get("templates");
        assertThat(templates).extracting(n -> n.get("id").asText())
                .containsExactly("cart_abandonment", "post_purchase", "replenishment", "win_back", "welcome");
        createAndStart("{\"template\":\"cart_abandonment\"}");

        track("shopper", "add_to_cart", "{\"productId\":\"p1\",\"name\":\"Mug\",\"price\":12.5}");
        track("buyer", "add_to_cart", "{\"productId\":\"p2\",\"name\":\"Tea\",\"price\":4}");
        t.tick();
        advance(Duration.ofMinutes(30));
        track("buyer", "purchase", "{\"revenue\":4,\"products\":[{\"productId\":\"p2\",\"name\":\"Tea\"}]}");
        t.tick();
        assertThat(email.received).isEmpty();

        advance(Duration.ofMinutes(30)); // one hour after add_to_cart
        t.tick();
        t.tick();
        String shopper = personOf("shopper");
        assertThat(email.steps()).containsExactly("cart_email@" + shopper);
        assertThat(email.at).containsExactly(T0.plus(Duration.ofHours(1)));
        OutboundMessage first = email.received.get(0);
        assertThat(first.journeyKey()).isEqualTo("cart_abandonment");
        assertThat(first.journeyVersion()).isEqualTo(1);
        assertThat(first.settings()).containsEntry("template", "cart_reminder");
        assertThat((List<?>) first.model().get("cart")).hasSize(1);
        assertThat(first.model().get("cart").toString()).contains("Mug");
        assertThat(first.model().get("recommendations")).isInstanceOf(List.class);
        assertThat(first.model().get("recommendations").toString()).contains("Tea"); // bought by another shopper: popular

        // restart mid-journey from the same data directory: the wait for the second email survives
        t.close();
        open(MANUAL, email);
        advance(Duration.ofHours(23));
        t.tick();
        assertThat(email.received).hasSize(1);
        advance(Duration.ofHours(1));
        t.tick();
        t.tick();
        assertThat(email.steps()).containsExactly("cart_email@" + shopper, "offer_email@" + shopper);
        assertThat(email.at.get(1)).isEqualTo(T0.plus(Duration.ofHours(25)));
        assertThat(email.received.get(0).idempotencyKey()).isNotEqualTo(email.received.get(1).idempotencyKey());

        var list = t.get("/api/v1/journeys").json().get("journeys").get(0);
        assertThat(list.get("counts").get("completed").asInt()).isEqualTo(1);
        assertThat(list.get("counts").get("exited").asInt()).isEqualTo(1);
        JsonNode stats = t.get("/api/v1/journeys/cart_abandonment/stats").json();
        assertThat(stats.get("entered").asInt()).isEqualTo(2);
        assertThat(stats.get("steps").get(1).get("sent").asInt()).isEqualTo(1);
        assertThat(stats.get("goal").get("event").asText()).isEqualTo("purchase");
        assertThat(stats.get("goal").get("converted").asInt()).isEqualTo(1);

        // a purchase after the journey ended does not send anything either
        track("shopper", "purchase", "{\"revenue\":12.5}");
        advance(Duration.ofDays(2));
        t.tick();
        assertThat(email.received).hasSize(2);
    }

    private static final String WELCOME_IN_APP = """
            {"key":"hello","trigger":{"type":"event","event":"signup"},
             "steps":[{"id":"greet","type":"send","channel":"in_app",
                       "settings":{"title":"Hi {{traits.name}}","body":"Welcome","ctaLabel":"Shop","ctaUrl":"/shop"}}]}""";

    @Test
    void inAppMessagesRespectSuppressionQuietHoursInTheirTimeZoneAndTheFrequencyCap() throws Exception {
        var oneAWeek = new JourneySettings(Duration.ZERO, new Journey.FrequencyCap(1, Duration.ofDays(7)), Map.of(),
                JourneySettings.DEFAULTS.quietHours(), JourneySettings.DEFAULTS.backoff(), JourneySettings.DEFAULTS.lookback());
        open(oneAWeek, email);
        createAndStart(WELCOME_IN_APP);
        createAndStart("{\"key\":\"promo\",\"trigger\":{\"type\":\"event\",\"event\":\"signup\"},"
                + "\"steps\":[{\"id\":\"wait\",\"type\":\"wait\",\"duration\":\"1h\",\"next\":\"mail\"},"
                + "{\"id\":\"mail\",\"type\":\"send\",\"channel\":\"email\",\"settings\":{\"subject\":\"Offer\"}}]}");
        assertThat(t.post("/v1/identify", "{\"userId\":\"ana\",\"traits\":{\"name\":\"Ana\"}}", t.basic(t.writeKey)).status()).isEqualTo(200);
        assertThat(t.post("/v1/identify", "{\"userId\":\"kenji\",\"traits\":{\"timezone\":\"Asia/Tokyo\"}}", t.basic(t.writeKey)).status()).isEqualTo(200);
        assertThat(t.post("/v1/identify", "{\"userId\":\"olga\",\"traits\":{\"unsubscribed\":true}}", t.basic(t.writeKey)).status()).isEqualTo(200);
        for (String u : List.of("ana", "kenji", "olga")) {
            track(u, "signup", "{}");
        }
        t.tick();

        var ana = t.get("/api/v1/messages?writeKey=" + t.writeKey + "&userId=ana");
        assertThat(ana.status()).isEqualTo(200);
        assertThat(ana.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        JsonNode message = ana.json().get("messages").get(0);
        assertThat(message.get("title").asText()).isEqualTo("Hi Ana");
        assertThat(message.get("cta").get("url").asText()).isEqualTo("/shop");
        assertThat(message.get("journey").asText()).isEqualTo("hello");
        assertThat(t.get("/api/v1/messages?userId=ana").status()).isEqualTo(401);
        // 12:00 UTC is 21:00 in Tokyo: quiet hours until 08:00 there (23:00 UTC); the unsubscribed get nothing
        assertThat(t.get("/api/v1/messages?writeKey=" + t.writeKey + "&userId=kenji").json().get("messages")).isEmpty();
        assertThat(t.get("/api/v1/messages?writeKey=" + t.writeKey + "&userId=olga").json().get("messages")).isEmpty();

        assertThat(t.post("/api/v1/messages/" + message.get("id").asText() + "/seen?writeKey=" + t.writeKey, "", null).status()).isEqualTo(200);
        assertThat(t.get("/api/v1/messages?writeKey=" + t.writeKey + "&userId=ana").json().get("messages")).isEmpty();

        advance(Duration.ofHours(11)); // 23:00 UTC = 08:00 in Tokyo
        t.tick();
        assertThat(t.get("/api/v1/messages?writeKey=" + t.writeKey + "&userId=kenji").json().get("messages")).hasSize(1);
        // the promo email (due 13:00) is over the cap of one marketing message a week for kenji, olga is unsubscribed,
        // and for ana (UTC) 23:00 is within quiet hours: her email waits until 08:00, and then she is over the cap too
        JsonNode promo = t.get("/api/v1/journeys/promo/stats").json().get("steps").get(1);
        assertThat(promo.get("suppressed").asInt()).isEqualTo(2);
        assertThat(promo.get("waiting").asInt()).isEqualTo(1);
        advance(Duration.ofHours(9));
        t.tick();
        promo = t.get("/api/v1/journeys/promo/stats").json().get("steps").get(1);
        assertThat(promo.get("suppressed").asInt()).isEqualTo(3);
        assertThat(email.received).isEmpty();
        JsonNode hello = t.get("/api/v1/journeys/hello/stats").json().get("steps").get(0);
        assertThat(hello.get("sent").asInt()).isEqualTo(2);
        assertThat(hello.get("suppressed").asInt()).isEqualTo(1);
    }

    @Test
    void aRetriedSendBacksOffExponentiallyAndEditingKeepsPersonsOnTheirVersion() throws Exception {
        RecordingChannel flaky = new RecordingChannel("webhook", clock);
        flaky.script.add(Delivery.retry("503"));
        flaky.script.add(Delivery.retry("503"));
        open(MANUAL, flaky);
        createAndStart("{\"key\":\"ping\",\"trigger\":{\"type\":\"event\",\"event\":\"ping\"},\"steps\":["
                + "{\"id\":\"hook\",\"type\":\"send\",\"channel\":\"webhook\",\"marketing\":false,\"settings\":{\"url\":\"https://example.com/h\"},\"next\":\"pause\"},"
                + "{\"id\":\"pause\",\"type\":\"wait\",\"duration\":\"1d\",\"next\":\"v1_end\"},{\"id\":\"v1_end\",\"type\":\"exit\"}]}");
        track("p1", "ping", "{}");
        t.tick();
        advance(Duration.ofSeconds(59));
        t.tick();
        assertThat(flaky.at).containsExactly(T0);
        advance(Duration.ofSeconds(1)); // first retry after 1 minute
        t.tick();
        advance(Duration.ofMinutes(1));
        t.tick();
        assertThat(flaky.at).hasSize(2);
        advance(Duration.ofMinutes(1)); // the second after 2 more minutes
        t.tick();
        assertThat(flaky.at).containsExactly(T0, T0.plusSeconds(60), T0.plusSeconds(180));
        assertThat(flaky.received).extracting(OutboundMessage::idempotencyKey).containsOnly(flaky.received.get(0).idempotencyKey());

        // version 2 waits only an hour and has another end; p1 stays on version 1 at its wait
        var updated = t.put("/api/v1/journeys/ping", "{\"key\":\"ping\",\"trigger\":{\"type\":\"event\",\"event\":\"ping\"},\"steps\":["
                + "{\"id\":\"pause\",\"type\":\"wait\",\"duration\":\"1h\",\"next\":\"v2_end\"},{\"id\":\"v2_end\",\"type\":\"exit\"}]}");
        assertThat(updated.json().get("version").asInt()).isEqualTo(2);
        assertThat(t.get("/api/v1/journeys/ping").json().get("versions")).hasSize(2);
        track("p2", "ping", "{}");
        t.tick();
        advance(Duration.ofHours(1));
        t.tick();
        assertThat(count("SELECT count(*) FROM journey_enrolments WHERE status = 'ACTIVE' AND version = 1 AND step_id = 'pause'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM journey_step_log WHERE step_id = 'v2_end' AND outcome = 'exited'")).isEqualTo(1);
        advance(Duration.ofDays(1));
        t.tick();
        assertThat(count("SELECT count(*) FROM journey_step_log WHERE step_id = 'v1_end' AND outcome = 'exited'")).isEqualTo(1);
        assertThat(flaky.received).hasSize(3);
        // a running journey cannot be deleted; a stopped one can
        assertThat(t.delete("/api/v1/journeys/ping").status()).isEqualTo(400);
        t.post("/api/v1/journeys/ping/stop", "", null);
        assertThat(t.delete("/api/v1/journeys/ping").status()).isEqualTo(204);
        assertThat(count("SELECT count(*) FROM journey_enrolments")).isZero();
    }

    @Test
    void aReceiverThatAsksForALongerWaitIsRetriedNoSooner() throws Exception {
        RecordingChannel throttled = new RecordingChannel("webhook", clock);
        throttled.script.add(Delivery.retry("HTTP 429; retry-after=600", Duration.ofMinutes(10)));
        open(MANUAL, throttled);
        createAndStart("{\"key\":\"ping\",\"trigger\":{\"type\":\"event\",\"event\":\"ping\"},\"steps\":["
                + "{\"id\":\"hook\",\"type\":\"send\",\"channel\":\"webhook\",\"marketing\":false,\"settings\":{\"url\":\"https://example.com/h\"}}]}");
        track("p1", "ping", "{}");
        t.tick();
        advance(Duration.ofMinutes(9)); // the backoff alone would have retried after 1 minute
        t.tick();
        assertThat(throttled.at).containsExactly(T0);
        advance(Duration.ofMinutes(1));
        t.tick();
        assertThat(throttled.at).containsExactly(T0, T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void splitsRecordExposuresTraitsFlowThroughIngestionAndForgettingRemovesJourneyState() throws Exception {
        open(MANUAL);
        createAndStart("""
                {"key":"onboard","trigger":{"type":"event","event":"signup"},
                 "steps":[{"id":"ab","type":"split","experiment":"onboard_holdout",
                           "arms":[{"key":"holdout","weight":1,"next":"mark"},{"key":"message","weight":1,"next":"note"}]},
                          {"id":"note","type":"send","channel":"in_app","marketing":false,"settings":{"title":"Tip","body":"Try search"},"next":"mark"},
                          {"id":"mark","type":"update_trait","traits":{"onboarded":true}}]}""");
        for (int i = 0; i < 20; i++) {
            track("u" + i, "signup", "{}");
        }
        t.tick();
        t.tick();
        JsonNode summary = t.query("{\"kind\":\"summary\"}");
        assertThat(summary.get("byEvent").get("$experiment_exposure").asInt()).isEqualTo(20);
        // each person's arm, as the journey's split decides it: the message arm gets the in-app message
        var split = new io.waymark.core.journey.Step.Split("ab", null, "onboard_holdout", List.of(
                new io.waymark.core.journey.Step.Arm("holdout", 1, "mark"), new io.waymark.core.journey.Step.Arm("message", 1, "note")));
        long messaged = 0;
        for (int i = 0; i < 20; i++) {
            messaged += io.waymark.core.journey.SplitAssignment.arm("onboard", split, personOf("u" + i)).key().equals("message") ? 1 : 0;
        }
        long messages = count("SELECT count(*) FROM inapp_messages");
        assertThat(messages).isEqualTo(messaged).isBetween(1L, 19L);
        assertThat(count("SELECT count(*) FROM journey_enrolments WHERE status = 'COMPLETED'")).isEqualTo(20);
        JsonNode profile = t.get("/api/v1/persons/" + personOf("u1")).json();
        assertThat(profile.toString()).contains("\"onboarded\":true");

        String person = personOf("u1");
        assertThat(t.get("/api/v1/persons/" + person + "/export").json().toString()).contains("journey_enrolments");
        assertThat(t.delete("/api/v1/persons/" + person).status()).isEqualTo(200);
        for (String table : List.of("journey_enrolments", "journey_step_log", "journey_sends", "inapp_messages")) {
            assertThat(count("SELECT count(*) FROM " + table + " WHERE person_id = '" + person + "'")).as(table).isZero();
        }
    }

    @Test
    void waitsForAnEventOrItsTimeoutAndBranchesOnSegmentRules() throws Exception {
        open(MANUAL, email);
        createAndStart("""
                {"key":"follow_up","trigger":{"type":"event","event":"purchase"},
                 "steps":[{"id":"delivered","type":"wait_for_event","event":"delivery","timeout":"3d",
                           "where":[{"field":"properties.status","op":"eq","value":"delivered"}],"next":"big","timeoutNext":"late"},
                          {"id":"big","type":"branch","condition":{"event":"purchase","sum":"properties.revenue","total":{"gte":100}},
                           "then":"vip_mail","else":"survey"},
                          {"id":"vip_mail","type":"send","channel":"email","marketing":false,"settings":{"subject":"Thank you"}},
                          {"id":"survey","type":"send","channel":"email","marketing":false,"settings":{"subject":"How was it?"}},
                          {"id":"late","type":"send","channel":"email","marketing":false,"settings":{"subject":"Sorry"}}]}""");
        track("big", "purchase", "{\"revenue\":250}");
        track("small", "purchase", "{\"revenue\":20}");
        track("lost", "purchase", "{\"revenue\":20}");
        t.tick();
        advance(Duration.ofDays(1));
        track("big", "delivery", "{\"status\":\"delivered\"}");
        track("small", "delivery", "{\"status\":\"delayed\"}");
        t.tick();
        assertThat(email.steps()).containsExactly("vip_mail@" + personOf("big"));
        advance(Duration.ofHours(12));
        track("small", "delivery", "{\"status\":\"delivered\"}");
        t.tick();
        advance(Duration.ofHours(36)); // three days after the purchases: "lost" times out
        t.tick();
        assertThat(email.steps()).containsExactly("vip_mail@" + personOf("big"), "survey@" + personOf("small"), "late@" + personOf("lost"));
        assertThat(email.at).containsExactly(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofHours(36)), T0.plus(Duration.ofDays(3)));
    }

    @Test
    void segmentEntriesAndPersonalRepurchaseDatesEnterPersons() throws Exception {
        open(MANUAL, email);
        // alice buys every 10 days (median gap 10 days); bob only once
        for (int i = 0; i < 3; i++) {
            track("alice", "purchase", "{}");
            track("bob", i == 0 ? "purchase" : "page", "{}");
            advance(Duration.ofDays(10));
        }
        clock.now = T0.plus(Duration.ofDays(20)).plus(Duration.ofHours(1)); // an hour after alice's third purchase
        assertThat(t.post("/api/v1/segments", "{\"id\":\"buyers\",\"name\":\"Buyers\",\"rules\":{\"event\":\"purchase\"}}", null).status())
                .isEqualTo(201);
        advance(Duration.ofMinutes(1));
        createAndStart("{\"template\":\"replenishment\",\"trigger\":{\"type\":\"after_event\",\"event\":\"purchase\","
                + "\"delay\":\"personal\",\"minEvents\":3,\"lead\":\"2d\"}}");
        createAndStart("{\"key\":\"new_buyer\",\"trigger\":{\"type\":\"segment\",\"segment\":\"buyers\"},"
                + "\"steps\":[{\"id\":\"hi\",\"type\":\"send\",\"channel\":\"email\",\"marketing\":false,\"settings\":{\"subject\":\"Hi\"}}]}");
        t.tick();
        assertThat(email.received).isEmpty(); // segment members before the journey started are not new entries
        track("carol", "purchase", "{}");
        t.tick();
        advance(Duration.ofMinutes(5));
        assertThat(t.post("/api/v1/segments/buyers/refresh", "", null).status()).isEqualTo(200);
        t.tick();
        t.tick();
        assertThat(email.steps()).containsExactly("hi@" + personOf("carol"));
        // alice's next purchase is expected 10 days after her last, so she is reminded 2 days before: day 28
        clock.now = T0.plus(Duration.ofDays(28)).minusSeconds(1);
        t.tick();
        assertThat(email.received).hasSize(1);
        clock.now = T0.plus(Duration.ofDays(28));
        t.tick();
        t.tick();
        assertThat(email.steps()).containsExactly("hi@" + personOf("carol"), "reminder@" + personOf("alice"));
    }

    @Test
    void invalidDefinitionsAreRefusedNamingTheField() throws Exception {
        open(MANUAL);
        var unknownStep = t.post("/api/v1/journeys", "{\"key\":\"bad\",\"trigger\":{\"type\":\"event\",\"event\":\"x\"},"
                + "\"steps\":[{\"id\":\"a\",\"type\":\"wait\",\"duration\":\"1h\",\"next\":\"nowhere\"}]}", null);
        assertThat(unknownStep.status()).isEqualTo(400);
        assertThat(unknownStep.json().get("error").get("field").asText()).isEqualTo("steps[0]");
        var noSettings = t.post("/api/v1/journeys", "{\"key\":\"bad\",\"trigger\":{\"type\":\"event\",\"event\":\"x\"},"
                + "\"steps\":[{\"id\":\"a\",\"type\":\"send\",\"channel\":\"in_app\",\"settings\":{\"title\":\"t\"}}]}", null);
        assertThat(noSettings.json().get("error").get("field").asText()).isEqualTo("steps[0].settings.body");
        assertThat(t.post("/api/v1/journeys", "{\"template\":\"nope\"}", null).status()).isEqualTo(404);
        createAndStart("{\"template\":\"welcome\"}");
        assertThat(t.post("/api/v1/journeys", "{\"template\":\"welcome\"}", null).status()).isEqualTo(409);
    }
}

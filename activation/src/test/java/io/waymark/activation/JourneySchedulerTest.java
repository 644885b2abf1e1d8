package io.waymark.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.waymark.core.Json;
import io.waymark.core.event.Channel;
import io.waymark.core.event.Event;
import io.waymark.core.event.EventType;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.DuckDbQueryEngine;
import io.waymark.store.InAppMessages;
import io.waymark.store.JourneyEvents;
import io.waymark.store.JourneyRepository;
import io.waymark.store.JourneyState;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler on a real DuckDB file, without HTTP: a crash between recording a send and recording its outcome, and a
 * restart of the store. Events are appended to the store directly (the sink records what the scheduler writes).
 */
class JourneySchedulerTest {
    static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");

    @TempDir
    Path dir;

    /** What a process dying mid-call looks like to the scheduler: nothing after the call runs. */
    static final class Crash extends Error {
    }

    /** A channel whose first delivery dies with the process (an Error the scheduler does not catch) after reaching the person. */
    static final class DyingChannel implements io.waymark.activation.Channel {
        final List<String> keys = new ArrayList<>();
        final io.waymark.activation.Channel next;
        boolean died;

        DyingChannel(io.waymark.activation.Channel next) {
            this.next = next;
        }

        @Override
        public String name() {
            return next.name();
        }

        @Override
        public Delivery deliver(OutboundMessage message) {
            keys.add(message.idempotencyKey());
            Delivery d = next.deliver(message);
            if (!died) {
                died = true;
                throw new Crash();
            }
            return d;
        }
    }

    static final class RecordingSink implements EventSink {
        final List<String> ids = new ArrayList<>();

        @Override
        public void track(JourneyEvents.Identities person, String event, Map<String, Object> properties, String messageId, Instant at) {
            ids.add(messageId);
        }

        @Override
        public void identify(JourneyEvents.Identities person, Map<String, Object> traits, String messageId, Instant at) {
            ids.add(messageId);
        }
    }

    private static Event track(String id, String user, String name, Instant at) {
        var f = JsonNodeFactory.instance;
        return new Event(id, EventType.TRACK, name, null, user, null, null, at, at, Channel.WEB, "s", f.objectNode(), f.objectNode(),
                f.objectNode());
    }

    private static JourneyScheduler scheduler(DuckDbEventStore store, io.waymark.activation.Channel channel, EventSink sink, Clock clock) {
        return new JourneyScheduler(store, new DuckDbQueryEngine(store, null, clock).segments(), Map.of(channel.name(), channel), sink,
                Recommendations.NONE, JourneySettings.DEFAULTS, clock);
    }

    @Test
    void aCrashAfterTheChannelWasCalledRetriesWithTheSameKeyAndTheInAppMessageIsStoredOnce() throws Exception {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        Path file = dir.resolve("waymark.duckdb");
        var sink = new RecordingSink();
        try (DuckDbEventStore store = DuckDbEventStore.open(file)) {
            var journeys = new JourneyRepository(store);
            journeys.create(Json.MAPPER.readTree("""
                    {"key":"hello","trigger":{"type":"event","event":"signup"},
                     "steps":[{"id":"greet","type":"send","channel":"in_app","settings":{"title":"Hi","body":"Welcome"},"next":"mark"},
                              {"id":"mark","type":"update_trait","traits":{"greeted":true}}]}"""), T0.minusSeconds(60));
            journeys.setStatus("hello", JourneyRepository.Status.RUNNING, T0.minusSeconds(60));
            store.append(List.of(track("m1", "ana", "signup", T0)));
            var dying = new DyingChannel(new InAppChannel(new InAppMessages(store), clock));
            assertThatThrownBy(() -> scheduler(store, dying, sink, clock).tick()).isInstanceOf(Crash.class);
            assertThat(count(store, "SELECT count(*) FROM journey_sends WHERE status = 'PENDING'")).isEqualTo(1);
        }
        try (DuckDbEventStore store = DuckDbEventStore.open(file)) {
            var channel = new DyingChannel(new InAppChannel(new InAppMessages(store), clock));
            channel.died = true;
            var scheduler = scheduler(store, channel, sink, clock);
            scheduler.tick();
            scheduler.tick();
            assertThat(channel.keys).hasSize(1);
            assertThat(count(store, "SELECT count(*) FROM inapp_messages")).isEqualTo(1);
            assertThat(count(store, "SELECT count(*) FROM journey_sends WHERE status = 'SENT' AND attempts = 2")).isEqualTo(1);
            assertThat(count(store, "SELECT count(*) FROM journey_enrolments WHERE status = 'COMPLETED'")).isEqualTo(1);
            assertThat(sink.ids).hasSize(1);
            String ana = personOf(store, "ana");
            String enrolment = new JourneyState(store).latest("hello", List.of(ana)).get(ana).id();
            assertThat(new JourneyState(store).log(enrolment))
                    .containsExactly("greet entered", "greet sent", "mark entered", "mark traits set", "mark completed");
        }
    }

    private static String personOf(DuckDbEventStore store, String user) throws Exception {
        try (var c = store.newConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT person_id FROM person_map WHERE identity = '" + user + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(DuckDbEventStore store, String sql) throws Exception {
        try (var c = store.newConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

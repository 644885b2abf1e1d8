package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.Channel;
import io.waymark.core.event.Event;
import io.waymark.core.event.EventType;
import io.waymark.core.query.PersonSearchResult;
import io.waymark.core.query.ProfileResult;
import io.waymark.core.query.ProfileSpec;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.core.query.SegmentDefinition;
import io.waymark.core.query.SummaryResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search, export and forgetting of persons against the real DuckDB store. */
class PersonPrivacyTest {
    private static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** A tiny journey builder: events of one identity pair at T0 + minutes. */
    private static final class Journey {
        final List<Event> events = new ArrayList<>();
        private int seq;

        Journey add(String type, String name, String anonymousId, String userId, int minute, ObjectNode traits) {
            Instant t = T0.plusSeconds(60L * minute);
            events.add(new Event("m" + seq++ + "-" + (userId == null ? anonymousId : userId), EventType.fromWire(type), name, anonymousId,
                    userId, null, null, t, t, Channel.WEB, "test", Json.MAPPER.createObjectNode(), Json.MAPPER.createObjectNode(),
                    traits == null ? Json.MAPPER.createObjectNode() : traits));
            return this;
        }

        Journey track(String name, String anonymousId, String userId, int minute) {
            return add("track", name, anonymousId, userId, minute, null);
        }
    }

    private static ObjectNode traits(String email, String plan) {
        return Json.MAPPER.createObjectNode().put("email", email).put("plan", plan).put("firstName", "Ada").put("lastName", "L");
    }

    /**
     * Ada browses anonymously (a1), signs up as u1 with an e-mail, buys; Bob (u2) shares the device a1
     * later (a refused merge that names both); Cleo is anonymous only.
     */
    private static List<Event> people() {
        return new Journey()
                .track("product_view", "a1", null, 0)
                .add("identify", null, "a1", "u1", 1, traits("Ada@Example.com", "pro"))
                .track("purchase", null, "u1", 2)
                .add("identify", null, "a2", "u2", 3, traits("bob@example.com", "free"))
                .track("product_view", "a1", "u2", 4)
                .track("product_view", "a3", null, 5)
                .track("purchase", "a3", null, 6)
                .events;
    }

    private static JsonNode run(DuckDbQueryEngine engine, String spec) {
        return Json.MAPPER.valueToTree(engine.run(new QuerySpecParser().parse(spec)));
    }

    private static long count(DuckDbEventStore store, String sql) throws Exception {
        try (Connection c = store.newConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void searchFindsPersonsByEachKey() {
        try (var store = DuckDbEventStore.open(null)) {
            store.append(people());
            var engine = new DuckDbQueryEngine(store);
            JsonNode byUser = run(engine, "{\"kind\":\"persons\",\"q\":\"u1\"}");
            assertThat(byUser.at("/persons").size()).isEqualTo(1);
            JsonNode ada = byUser.at("/persons/0");
            assertThat(ada.path("userIds").toString()).isEqualTo("[\"u1\"]");
            assertThat(ada.path("anonymousIds").toString()).isEqualTo("[\"a1\"]");
            assertThat(ada.path("email").asText()).isEqualTo("Ada@Example.com");
            assertThat(ada.path("name").asText()).isEqualTo("Ada L");
            assertThat(ada.path("events").asLong()).as("product view, identify, purchase").isEqualTo(3);
            assertThat(ada.path("firstSeen").asText()).isEqualTo("2026-02-01T10:00:00Z");
            assertThat(ada.path("lastSeen").asText()).isEqualTo("2026-02-01T10:02:00Z");
            String adaId = ada.path("personId").asText();

            for (String q : List.of("a1", adaId, "ada@example.COM")) {
                assertThat(run(engine, "{\"kind\":\"persons\",\"q\":\"" + q + "\"}").at("/persons/0/personId").asText()).as(q).isEqualTo(adaId);
            }
            assertThat(run(engine, "{\"kind\":\"persons\",\"trait\":\"plan=pro\"}").at("/persons/0/personId").asText()).isEqualTo(adaId);
            assertThat(run(engine, "{\"kind\":\"persons\",\"trait\":\"plan=PRO\"}").at("/persons").size()).as("trait values match exactly").isZero();
            assertThat(run(engine, "{\"kind\":\"persons\",\"q\":\"a3\"}").at("/persons/0/userIds").size()).isZero();
            assertThat(run(engine, "{\"kind\":\"persons\",\"q\":\"nobody\"}").at("/persons").size()).isZero();
            assertThat(run(engine, "{\"kind\":\"persons\",\"q\":\"' OR 1=1 --\"}").at("/persons").size()).isZero();

            var page = (PersonSearchResult) engine.run(new QuerySpecParser().parse("{\"kind\":\"persons\",\"trait\":\"firstName=Ada\",\"limit\":1}"));
            assertThat(page.persons()).hasSize(1);
            assertThat(page.truncated()).as("Ada and Bob both had firstName Ada").isTrue();
        }
    }

    @Test
    void searchSpecErrorsNameTheField() {
        var parser = new QuerySpecParser();
        assertThatThrownBy(() -> parser.parse("{\"kind\":\"persons\"}")).extracting("field").isEqualTo("q");
        assertThatThrownBy(() -> parser.parse("{\"kind\":\"persons\",\"q\":\"x\",\"trait\":\"a=b\"}")).extracting("field").isEqualTo("trait");
        assertThatThrownBy(() -> parser.parse("{\"kind\":\"persons\",\"trait\":\"novalue\"}")).extracting("field").isEqualTo("trait");
        assertThatThrownBy(() -> parser.parse("{\"kind\":\"persons\",\"q\":\"x\",\"limit\":101}")).extracting("field").isEqualTo("limit");
        assertThatThrownBy(() -> parser.parse("{\"kind\":\"persons\",\"q\":\"x\",\"limt\":1}")).extracting("field").isEqualTo("limt");
    }

    @Test
    void exportHoldsEveryEventWithAllFieldsAndTheRefusedMerge() {
        try (var store = DuckDbEventStore.open(null)) {
            store.append(people());
            var engine = new DuckDbQueryEngine(store);
            JsonNode export = engine.export(ProfileSpec.Lookup.USER_ID, "u1");
            assertThat(export.path("userIds").toString()).isEqualTo("[\"u1\"]");
            assertThat(export.path("traits").path("plan").asText()).isEqualTo("pro");
            assertThat(export.path("segments").isArray()).isTrue();
            JsonNode events = export.path("events");
            assertThat(events.size()).as("3 of Ada's own, and Bob's event on her device a1").isEqualTo(4);
            assertThat(events.get(1).path("traits").path("email").asText()).isEqualTo("Ada@Example.com");
            assertThat(events.get(0).path("messageId").asText()).isNotEmpty();
            assertThat(events.get(0).path("timestamp").asText()).isEqualTo("2026-02-01T10:00:00Z");
            JsonNode refused = export.path("tables").path("refused_merges");
            assertThat(refused.size()).isEqualTo(1);
            assertThat(refused.get(0).path("user_id").asText()).isEqualTo("u2");
            assertThat(refused.get(0).path("seen_at").asText()).isEqualTo("2026-02-01T10:04:00Z");
            assertThat(export.path("tables").path("person_map").size()).isEqualTo(2);
            assertThatThrownBy(() -> engine.export(ProfileSpec.Lookup.USER_ID, "nobody"))
                    .isInstanceOfSatisfying(WaymarkException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.field()).isEqualTo("userId");
                    });
        }
    }

    @Test
    void forgettingRemovesThePersonFromEveryQueryAndTheirIdsStayRefused() throws Exception {
        Path file = dir.resolve("w.duckdb");
        String adaId;
        try (var store = DuckDbEventStore.open(file)) {
            store.append(people());
            var engine = new DuckDbQueryEngine(store);
            adaId = run(engine, "{\"kind\":\"persons\",\"q\":\"u1\"}").at("/persons/0/personId").asText();
            assertThat(run(engine, "{\"kind\":\"trend\",\"event\":\"purchase\",\"interval\":\"day\"}").at("/series/0/points/0/value").asLong())
                    .as("the analysis cache is built with Ada in it").isEqualTo(2);
            var before = (SummaryResult) engine.run(new QuerySpecParser().parse("{\"kind\":\"summary\"}"));

            ForgetReport report = new PersonEraser(store, CLOCK).forget(ProfileSpec.Lookup.ANONYMOUS_ID, "a1");
            assertThat(report.personId()).isEqualTo(adaId);
            assertThat(report.removed()).containsEntry("events", 4L).containsEntry("person_map", 2L).containsEntry("refused_merges", 1L);
            assertThat(report.removed()).containsEntry("segment_members", 0L);
            assertThat(report.tombstones()).isEqualTo(2);

            var after = (SummaryResult) engine.run(new QuerySpecParser().parse("{\"kind\":\"summary\"}"));
            assertThat(after.events()).isEqualTo(before.events() - 4);
            assertThat(after.persons()).isEqualTo(before.persons() - 1);
            assertThat(run(engine, "{\"kind\":\"trend\",\"event\":\"purchase\",\"interval\":\"day\"}").at("/series/0/points/0/value").asLong())
                    .as("cached event columns were rebuilt without Ada").isEqualTo(1);
            for (String q : List.of("u1", "a1", adaId, "ada@example.com")) {
                assertThat(run(engine, "{\"kind\":\"persons\",\"q\":\"" + q + "\"}").at("/persons").size()).as(q).isZero();
            }
            assertThat(run(engine, "{\"kind\":\"persons\",\"trait\":\"plan=pro\"}").at("/persons").size()).isZero();
            assertThatThrownBy(() -> engine.run(new ProfileSpec(ProfileSpec.Lookup.PERSON_ID, adaId, 10)))
                    .isInstanceOfSatisfying(WaymarkException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
            var bob = (ProfileResult) engine.run(new ProfileSpec(ProfileSpec.Lookup.USER_ID, "u2", 10));
            assertThat(bob.events()).as("Bob keeps his own events").isEqualTo(1);
            assertThat(count(store, "SELECT count(*) FROM forgotten_identities WHERE identity_hash IN ('u1', 'a1')"))
                    .as("tombstones hold digests, never ids").isZero();

            // a log replay (the loader's call) or an import of the same events: dropped in the load
            store.appendEncoded(List.of(EventRowCodec.encode(people())), 99);
            assertThat(store.checkpoint()).isEqualTo(99);
            assertThat(count(store, "SELECT count(*) FROM events WHERE user_id = 'u1' OR anonymous_id = 'a1'")).isZero();
            assertThat(count(store, "SELECT count(*) FROM events")).isEqualTo(after.events() + 3);
        }
        try (var store = DuckDbEventStore.open(file)) {
            assertThat(store.tombstones().covers("u1", null, null)).as("tombstones survive a restart").isTrue();
            assertThat(store.tombstones().covers(null, "a1", null)).isTrue();
            assertThat(store.tombstones().covers(null, null, "a1")).as("an alias from a forgotten id").isTrue();
            assertThat(store.tombstones().covers("a1", null, null)).as("user ids and anonymous ids are separate namespaces").isFalse();
            assertThat(store.tombstones().covers("u2", "a2", null)).isFalse();
        }
    }

    @Test
    void javaDigestsMatchDuckDbs() throws Exception {
        try (var store = DuckDbEventStore.open(null); Connection c = store.newConnection();
             var ps = c.prepareStatement("SELECT sha256(?)")) {
            for (String id : List.of("u1", "zoë@例え.jp", "")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).as(id).isEqualTo(Tombstones.sha256(id));
                }
            }
        }
    }

    @Test
    void forgettingAnUnknownPersonIsNotFoundNamingTheField() {
        try (var store = DuckDbEventStore.open(null)) {
            store.append(people());
            assertThatThrownBy(() -> new PersonEraser(store, CLOCK).forget(ProfileSpec.Lookup.PERSON_ID, "p-none"))
                    .isInstanceOfSatisfying(WaymarkException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.field()).isEqualTo("personId");
                    });
            assertThat(store.tombstones().isEmpty()).isTrue();
        }
    }

    @Test
    void segmentMembershipsAreShownExportedAndForgotten() throws Exception {
        try (var store = DuckDbEventStore.open(null)) {
            store.append(people());
            var engine = new DuckDbQueryEngine(store);
            var ada = (ProfileResult) engine.run(new ProfileSpec(ProfileSpec.Lookup.USER_ID, "u1", 10));
            assertThat(ada.segments()).isEmpty();
            engine.segments().create(SegmentDefinition.parse(Json.MAPPER.readTree(
                    "{\"id\":\"vip\",\"name\":\"VIP\",\"rules\":{\"trait\":\"email\",\"op\":\"eq\",\"value\":\"Ada@Example.com\"}}"), null));
            assertThat(((ProfileResult) engine.run(new ProfileSpec(ProfileSpec.Lookup.USER_ID, "u1", 10))).segments()).containsExactly("vip");
            assertThat(engine.export(ProfileSpec.Lookup.USER_ID, "u1").at("/tables/segment_members/0/segment_id").asText()).isEqualTo("vip");
            assertThat(engine.export(ProfileSpec.Lookup.USER_ID, "u1").at("/tables/segment_transitions/0/kind").asText()).isEqualTo("entered");
            ForgetReport report = new PersonEraser(store, CLOCK).forget(ProfileSpec.Lookup.USER_ID, "u1");
            assertThat(report.removed()).containsEntry("segment_members", 1L).containsEntry("segment_transitions", 1L);
            assertThat(count(store, "SELECT count(*) FROM segment_members")).isZero();
            assertThat(count(store, "SELECT count(*) FROM segment_transitions")).isZero();
        }
    }
}

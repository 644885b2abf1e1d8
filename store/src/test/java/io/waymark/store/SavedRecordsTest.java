package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.Channel;
import io.waymark.core.event.Event;
import io.waymark.core.event.EventType;
import io.waymark.core.survey.SurveyDefinition;
import io.waymark.core.survey.SurveyType;
import io.waymark.core.user.Role;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users, surveys, segments and experiments on the real store: conflicts and unknown names are typed errors, and
 * instants come back to the microsecond whatever the JVM's time zone (run here in one far from UTC). Segment
 * transitions are compared with event times in SQL, so a zone-shifted {@code changed_at} would start journeys late.
 */
class SavedRecordsTest {
    private static final Instant CREATED = Instant.parse("2026-03-29T01:30:00.123456Z"); // Europe's DST switch day
    private static final Instant UPDATED = Instant.parse("2026-10-25T00:59:59.999999Z");
    @TempDir
    Path dir;
    private TimeZone zone;

    @BeforeEach
    void farFromUtc() {
        zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
    }

    @AfterEach
    void restoreZone() {
        TimeZone.setDefault(zone);
    }

    @Test
    void usersAreAddedOnceListedByNameAndDeleted() {
        try (var store = DuckDbEventStore.open(dir.resolve("w.duckdb"))) {
            var users = new UserRepository(store);
            users.add("zoe", Role.VIEWER, "hash-z", CREATED);
            users.add("ann", Role.ADMIN, "hash-a", UPDATED);

            assertThatThrownBy(() -> users.add("ann", Role.VIEWER, "other", CREATED))
                    .isInstanceOfSatisfying(WaymarkException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                        assertThat(e.field()).isEqualTo("name");
                    });
            assertThat(users.list()).containsExactly(
                    new UserRepository.User("ann", Role.ADMIN, UPDATED), new UserRepository.User("zoe", Role.VIEWER, CREATED));
            assertThat(users.credentials("zoe")).contains(
                    new UserRepository.Credentials(new UserRepository.User("zoe", Role.VIEWER, CREATED), "hash-z"));
            assertThat(users.credentials("nobody")).isEmpty();

            assertThat(users.delete("zoe")).isTrue();
            assertThat(users.delete("zoe")).isFalse();
            assertThat(users.list()).extracting(UserRepository.User::name).containsExactly("ann");
        }
    }

    @Test
    void surveysAreCreatedOnceUpdatedAndDeletedWithTheirTimes() {
        try (var store = DuckDbEventStore.open(dir.resolve("w.duckdb"))) {
            var surveys = new SurveyRepository(store);
            var nps = new SurveyDefinition("nps-post", SurveyType.NPS, "How likely…?", null);
            surveys.create(nps, CREATED);
            surveys.create(new SurveyDefinition("a-csat", SurveyType.CSAT, "How satisfied?", "Why?"), CREATED);

            assertThatThrownBy(() -> surveys.create(nps, UPDATED)).isInstanceOfSatisfying(WaymarkException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
            var updated = surveys.update(new SurveyDefinition("nps-post", SurveyType.NPS, "Would you recommend us?", "What should we fix?"), UPDATED);
            assertThat(updated).isEqualTo(new SurveyRepository.Saved("nps-post", "nps", "Would you recommend us?", "What should we fix?", CREATED, UPDATED));
            assertThat(surveys.list()).extracting(SurveyRepository.Saved::id).containsExactly("a-csat", "nps-post");

            surveys.delete("a-csat");
            for (var call : new org.assertj.core.api.ThrowableAssert.ThrowingCallable[] {
                    () -> surveys.get("a-csat"), () -> surveys.delete("a-csat"),
                    () -> surveys.update(new SurveyDefinition("a-csat", SurveyType.CSAT, "q", null), UPDATED)}) {
                assertThatThrownBy(call).isInstanceOfSatisfying(WaymarkException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
            }
            assertThat(surveys.list()).extracting(SurveyRepository.Saved::id).containsExactly("nps-post");
        }
    }

    @Test
    void segmentTransitionsAndExperimentLifeCyclesKeepTheirInstants() throws Exception {
        try (var store = DuckDbEventStore.open(dir.resolve("w.duckdb"))) {
            store.append(List.of(new Event("m1", EventType.TRACK, "signup", null, "ann", null, null, CREATED, CREATED, Channel.WEB, "test",
                    Json.MAPPER.createObjectNode(), Json.MAPPER.createObjectNode(), Json.MAPPER.createObjectNode())));
            store.personMap().refresh();
            String person = Sql.read(store, "read", c -> Sql.query(c, "SELECT DISTINCT person_id FROM person_map", rs -> rs.getString(1))).get(0);

            var segments = new SegmentRepository(store);
            segments.create("vip", "VIPs", null, Json.MAPPER.readTree("{}"), "UTC", CREATED);
            segments.replaceMembers("vip", List.of(person), UPDATED);
            var saved = segments.get("vip");
            assertThat(List.of(saved.createdAt(), saved.updatedAt(), saved.refreshedAt())).containsExactly(CREATED, CREATED, UPDATED);
            assertThat(segments.transitions("vip", 10, 0)).containsExactly(new SegmentRepository.Transition(person, "entered", UPDATED));
            assertThat(segments.members("vip", 10, 0)).containsExactly(new SegmentRepository.Member(person, UPDATED));

            var experiments = new ExperimentRepository(store);
            experiments.create(Json.MAPPER.readTree("""
                    {"key":"t","variants":[{"key":"control"},{"key":"b"}],
                     "metric":{"name":"m","type":"conversion","event":"purchase","window":"1d"}}"""), true, CREATED);
            var stopped = experiments.setStatus("t", ExperimentRepository.Status.STOPPED, UPDATED);
            assertThat(List.of(stopped.createdAt(), stopped.startedAt(), stopped.stoppedAt())).containsExactly(CREATED, CREATED, UPDATED);
        }
    }
}

package io.waymark.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.journey.Journey;
import io.waymark.core.journey.JourneyParser;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Saved journeys: every save is a new version (draft → running → stopped; a stopped journey can start again). Persons
 * inside a journey stay on the version they entered, so editing a running journey never moves them.
 */
public final class JourneyRepository {
    public enum Status { DRAFT, RUNNING, STOPPED }

    /** A journey's current state; {@code definition} is its current version as saved. */
    public record Saved(String key, String name, Status status, int version, JsonNode definition, Instant createdAt,
                        Instant updatedAt, Instant startedAt, Instant stoppedAt) {
        public Journey journey() {
            return JourneyParser.parse(definition).withVersion(version);
        }
    }

    /** One saved version of a definition. */
    public record Version(int version, Instant createdAt, JsonNode definition) {
    }

    private static final String SELECT = "SELECT j.key, j.name, j.status, j.version, v.definition, epoch_us(j.created_at), epoch_us(j.updated_at),"
            + " epoch_us(j.started_at), epoch_us(j.stopped_at) FROM journeys j JOIN journey_versions v ON v.journey_key = j.key AND v.version = j.version";

    private final DuckDbEventStore store;

    public JourneyRepository(DuckDbEventStore store) {
        this.store = store;
    }

    /** Saves a validated definition as version 1 of a new draft; a taken key is a conflict. */
    public Saved create(JsonNode definition, Instant now) {
        Journey j = JourneyParser.parse(definition);
        Sql.transaction(store, "save journeys", c -> {
            if (Sql.update(c, "INSERT INTO journeys VALUES (?, ?, 'DRAFT', 1, make_timestamp(?), make_timestamp(?), NULL, NULL)"
                    + " ON CONFLICT DO NOTHING", j.key(), j.name(), now, now) == 0) {
                throw new WaymarkException(ErrorCode.CONFLICT, "key", "a journey with key '" + j.key() + "' already exists");
            }
            insertVersion(c, j.key(), 1, definition, now);
            return null;
        });
        return get(j.key());
    }

    /** Saves {@code definition} as the next version; the key in it must be {@code key}. */
    public Saved update(String key, JsonNode definition, Instant now) {
        Journey j = JourneyParser.parse(definition);
        if (!j.key().equals(key)) {
            throw WaymarkException.invalid("key", "'key' cannot change: the journey is '" + key + "'");
        }
        Sql.transaction(store, "update journeys", c -> {
            List<Integer> current = Sql.query(c, "SELECT version FROM journeys WHERE key = ?", rs -> rs.getInt(1), key);
            if (current.isEmpty()) {
                throw notFound(key);
            }
            int next = current.get(0) + 1;
            insertVersion(c, key, next, definition, now);
            Sql.update(c, "UPDATE journeys SET version = ?, name = ?, updated_at = make_timestamp(?) WHERE key = ?", next, j.name(), now, key);
            return null;
        });
        return get(key);
    }

    private static void insertVersion(Connection c, String key, int version, JsonNode definition, Instant now) throws SQLException {
        try {
            Sql.update(c, "INSERT INTO journey_versions VALUES (?, ?, ?, make_timestamp(?))", key, version,
                    Json.MAPPER.writeValueAsString(definition), now);
        } catch (JsonProcessingException e) {
            throw new SQLException(e);
        }
    }

    /** Starts (draft or stopped → running) or stops (running → stopped) a journey. */
    public Saved setStatus(String key, Status status, Instant now) {
        Saved s = get(key);
        boolean allowed = status == Status.RUNNING ? s.status() != Status.RUNNING : s.status() == Status.RUNNING;
        if (!allowed) {
            throw WaymarkException.invalid("status", "journey '" + key + "' is " + s.status().name().toLowerCase()
                    + " and cannot become " + status.name().toLowerCase());
        }
        String column = status == Status.RUNNING ? "started_at" : "stopped_at";
        Sql.transaction(store, "update journeys", c -> Sql.update(c,
                "UPDATE journeys SET status = ?, " + column + " = make_timestamp(?) WHERE key = ?", status.name(), now, key));
        return get(key);
    }

    /** Deletes a journey that is not running, with its versions and every person's state in it. */
    public void delete(String key) {
        if (get(key).status() == Status.RUNNING) {
            throw WaymarkException.invalid("status", "journey '" + key + "' is running; stop it before deleting it");
        }
        Sql.transaction(store, "delete journeys", c -> {
            for (String table : List.of("journey_versions", "journey_cursors", "journey_enrolments", "journey_step_log", "journey_sends",
                    "inapp_messages")) {
                Sql.update(c, "DELETE FROM " + table + " WHERE journey_key = ?", key);
            }
            return Sql.update(c, "DELETE FROM journeys WHERE key = ?", key);
        });
    }

    public Optional<Saved> find(String key) {
        List<Saved> found = select(" WHERE j.key = ?", key);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public Saved get(String key) {
        return find(key).orElseThrow(() -> notFound(key));
    }

    public List<Saved> list() {
        return select(" ORDER BY j.created_at, j.key");
    }

    public List<Saved> running() {
        return select(" WHERE j.status = 'RUNNING' ORDER BY j.key");
    }

    public List<Version> versions(String key) {
        return Sql.read(store, "read journeys", c -> Sql.query(c,
                "SELECT version, epoch_us(created_at), definition FROM journey_versions WHERE journey_key = ? ORDER BY version",
                rs -> new Version(rs.getInt(1), Sql.instant(rs, 2), tree(rs.getString(3))), key));
    }

    /** Version {@code version} of a journey, parsed (what a person who entered it then is on). */
    public Journey version(String key, int version) {
        List<JsonNode> found = Sql.read(store, "read journeys", c -> Sql.query(c,
                "SELECT definition FROM journey_versions WHERE journey_key = ? AND version = ?", rs -> tree(rs.getString(1)), key, version));
        if (found.isEmpty()) {
            throw notFound(key + " v" + version);
        }
        return JourneyParser.parse(found.get(0)).withVersion(version);
    }

    private List<Saved> select(String where, Object... params) {
        return Sql.read(store, "read journeys", c -> Sql.query(c, SELECT + where, rs -> new Saved(rs.getString(1), rs.getString(2),
                Status.valueOf(rs.getString(3)), rs.getInt(4), tree(rs.getString(5)), Sql.instant(rs, 6), Sql.instant(rs, 7),
                Sql.instant(rs, 8), Sql.instant(rs, 9)), params));
    }

    private static JsonNode tree(String json) throws SQLException {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SQLException(e);
        }
    }

    static WaymarkException notFound(String key) {
        return new WaymarkException(ErrorCode.NOT_FOUND, "journey", "no journey with key '" + key + "'");
    }
}

package io.waymark.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.experiment.Experiment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Saved experiments (definition as JSON, status draft → running → stopped) and the variants units were first given.
 */
public final class ExperimentRepository {
    public enum Status { DRAFT, RUNNING, STOPPED }

    /** A saved experiment: the definition as given, its parsed form and its life cycle. */
    public record Saved(String key, JsonNode definition, Status status, Instant createdAt, Instant startedAt, Instant stoppedAt) {
        public Experiment experiment() {
            return Experiment.parse(definition);
        }
    }

    private final DuckDbEventStore store;

    public ExperimentRepository(DuckDbEventStore store) {
        this.store = store;
    }

    /** Saves a validated experiment; {@code running} starts it at once. A taken key is a conflict. */
    public Saved create(JsonNode definition, boolean running, Instant now) {
        Experiment e = Experiment.parse(definition);
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO experiments VALUES (?, ?, ?, make_timestamp(?), make_timestamp(?), NULL) ON CONFLICT DO NOTHING")) {
            ps.setString(1, e.key());
            ps.setString(2, Json.MAPPER.writeValueAsString(definition));
            ps.setString(3, (running ? Status.RUNNING : Status.DRAFT).name());
            ps.setLong(4, DuckDbEventStore.micros(now));
            ps.setObject(5, running ? DuckDbEventStore.micros(now) : null);
            if (ps.executeUpdate() == 0) {
                throw new WaymarkException(ErrorCode.CONFLICT, "key", "an experiment with key '" + e.key() + "' already exists");
            }
        } catch (SQLException | JsonProcessingException ex) {
            throw failure("save", ex);
        }
        return get(e.key());
    }

    /** Moves an experiment to {@code status} (draft → running → stopped; a stopped experiment stays stopped). */
    public Saved setStatus(String key, Status status, Instant now) {
        Saved s = get(key);
        String column = status == Status.RUNNING ? "started_at" : "stopped_at";
        int updated;
        // the allowed earlier statuses are in the WHERE clause, so a concurrent stop cannot be undone by a start
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE experiments SET status = ?, " + column + " = coalesce(" + column + ", make_timestamp(?)) WHERE key = ? AND status <> 'STOPPED'"
                        + (status == Status.RUNNING ? " AND status <> 'RUNNING'" : ""))) {
            ps.setString(1, status.name());
            ps.setLong(2, DuckDbEventStore.micros(now));
            ps.setString(3, key);
            updated = ps.executeUpdate();
        } catch (SQLException ex) {
            throw failure("update", ex);
        }
        if (updated == 0 && !(status == Status.RUNNING && get(key).status() == Status.RUNNING)) {
            throw WaymarkException.invalid("status", "experiment '" + key + "' is " + get(key).status().name().toLowerCase()
                    + " and cannot become " + status.name().toLowerCase());
        }
        return get(key);
    }

    public Optional<Saved> find(String key) {
        List<Saved> found = select(" WHERE key = ?", key);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The experiment, or NOT_FOUND naming {@code experiment}. */
    public Saved get(String key) {
        return find(key).orElseThrow(() -> new WaymarkException(ErrorCode.NOT_FOUND, "experiment", "no experiment with key '" + key + "'"));
    }

    public List<Saved> list() {
        return select(" ORDER BY created_at, key", null);
    }

    /**
     * The variant first given to the person's user id or anonymous id (either may be null), or null; and whether both
     * given ids already hold it (then nothing needs writing).
     */
    public record Assigned(String variant, boolean complete) {
    }

    public Assigned assignment(String key, String userId, String anonymousId) {
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT arg_min(variant, (assigned_at, NOT is_user)), count(*) FROM experiment_assignments WHERE experiment_key = ?"
                        + " AND ((is_user AND unit = ?) OR (NOT is_user AND unit = ?))")) {
            ps.setString(1, key);
            ps.setString(2, userId);
            ps.setString(3, anonymousId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int given = (userId == null ? 0 : 1) + (anonymousId == null ? 0 : 1);
                return new Assigned(rs.getString(1), rs.getLong(2) >= given);
            }
        } catch (SQLException ex) {
            throw failure("read", ex);
        }
    }

    /**
     * Remembers {@code variant} for the user id and the anonymous id that have none yet. Two first decisions for the same
     * unit racing each other both computed the same hash, so a write conflict between them loses nothing and is ignored.
     */
    public void assign(String key, String userId, String anonymousId, String variant, Instant at) {
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO experiment_assignments VALUES (?, ?, ?, ?, make_timestamp(?)) ON CONFLICT DO NOTHING")) {
            String[] units = {userId, anonymousId};
            for (int i = 0; i < units.length; i++) {
                if (units[i] == null) {
                    continue;
                }
                ps.setString(1, key);
                ps.setString(2, units[i]);
                ps.setBoolean(3, i == 0);
                ps.setString(4, variant);
                ps.setLong(5, DuckDbEventStore.micros(at));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException ex) {
            if (ex.getMessage() == null || !ex.getMessage().contains("onflict")) {
                throw failure("save", ex);
            }
        }
    }

    private List<Saved> select(String where, String param) {
        List<Saved> out = new ArrayList<>();
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT key, definition, status, epoch_us(created_at), epoch_us(started_at), epoch_us(stopped_at) FROM experiments" + where)) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Saved(rs.getString(1), Json.MAPPER.readTree(rs.getString(2)), Status.valueOf(rs.getString(3)),
                            DuckDbEventStore.instant(rs.getLong(4)), instant(rs.getObject(5, Long.class)), instant(rs.getObject(6, Long.class))));
                }
            }
        } catch (SQLException | JsonProcessingException ex) {
            throw failure("read", ex);
        }
        return out;
    }

    private static Instant instant(Long micros) {
        return micros == null ? null : DuckDbEventStore.instant(micros);
    }

    private static WaymarkException failure(String what, Exception e) {
        return new WaymarkException(ErrorCode.IO_FAILURE, "cannot " + what + " experiments: " + e.getMessage(), e);
    }
}

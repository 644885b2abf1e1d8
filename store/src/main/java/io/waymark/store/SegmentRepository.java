package io.waymark.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Saved segments and their membership tables. A refresh replaces a segment's members in one transaction and
 * records who entered and who exited ({@code segment_transitions}), so later triggers can react to changes.
 */
public final class SegmentRepository {
    private static final String COLUMNS = "id, name, description, rules, timezone, created_at, updated_at, refreshed_at, members";

    private final DuckDbEventStore store;

    public SegmentRepository(DuckDbEventStore store) {
        this.store = store;
    }

    /** Who entered or left a segment, and when. */
    public record Transition(String personId, String kind, Instant at) {
    }

    /** A member and since when they have been one. */
    public record Member(String personId, Instant since) {
    }

    /** Saves a new segment; a taken id is a conflict. */
    public SavedSegment create(String id, String name, String description, JsonNode rules, String timezone, Instant now) {
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO segments VALUES (?, ?, ?, ?, ?, make_timestamp(?), make_timestamp(?), NULL, NULL) ON CONFLICT DO NOTHING")) {
            ps.setString(1, id);
            ps.setString(2, name);
            ps.setString(3, description);
            ps.setString(4, Json.MAPPER.writeValueAsString(rules));
            ps.setString(5, timezone);
            ps.setLong(6, DuckDbEventStore.micros(now));
            ps.setLong(7, DuckDbEventStore.micros(now));
            if (ps.executeUpdate() == 0) {
                throw new WaymarkException(ErrorCode.CONFLICT, "id", "a segment with id '" + id + "' already exists");
            }
        } catch (SQLException | JsonProcessingException e) {
            throw failure("save", e);
        }
        return get(id);
    }

    /** Replaces name, description, rules and time zone; the members stay until the next refresh. */
    public SavedSegment update(String id, String name, String description, JsonNode rules, String timezone, Instant now) {
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE segments SET name = ?, description = ?, rules = ?, timezone = ?, updated_at = make_timestamp(?) WHERE id = ?")) {
            ps.setString(1, name);
            ps.setString(2, description);
            ps.setString(3, Json.MAPPER.writeValueAsString(rules));
            ps.setString(4, timezone);
            ps.setLong(5, DuckDbEventStore.micros(now));
            ps.setString(6, id);
            if (ps.executeUpdate() == 0) {
                throw notFound(id);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw failure("update", e);
        }
        return get(id);
    }

    public Optional<SavedSegment> find(String id) {
        List<SavedSegment> found = select(" WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The segment, or a NOT_FOUND error naming {@code segment}. */
    public SavedSegment get(String id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    public List<SavedSegment> list() {
        return select(" ORDER BY id", null);
    }

    /** Deletes the segment with its members and transitions; false when there was none. */
    public boolean delete(String id) {
        try (Connection c = store.newConnection()) {
            c.setAutoCommit(false);
            int deleted;
            try {
                for (String table : List.of("segment_members", "segment_transitions")) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE segment_id = ?")) {
                        ps.setString(1, id);
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM segments WHERE id = ?")) {
                    ps.setString(1, id);
                    deleted = ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
            return deleted > 0;
        } catch (SQLException e) {
            throw failure("delete", e);
        }
    }

    /**
     * Makes {@code personIds} the members of segment {@code id} as of {@code at}: persons not yet members enter,
     * members not listed exit, both recorded as transitions; all in one transaction. Returns {entered, exited}.
     */
    public long[] replaceMembers(String id, List<String> personIds, Instant at) {
        long[] changes = new long[2];
        try (Connection c = store.newConnection()) {
            AtomicAppend.run(c, "person_id VARCHAR", a -> {
                for (String p : personIds) {
                    a.beginRow();
                    a.append(p);
                    a.endRow();
                }
            }, tx -> {
                // a segment deleted meanwhile gets no members back
                if (Sql.update(tx, "UPDATE segments SET refreshed_at = make_timestamp(?), members = ? WHERE id = ?", at, (long) personIds.size(), id) == 0) {
                    throw notFound(id);
                }
                // persons forgotten since the evaluation read its columns are not written back
                Sql.update(tx, "DELETE FROM " + AtomicAppend.STAGE + " WHERE person_id NOT IN (SELECT person_id FROM person_map)");
                changes[0] = Sql.update(tx, "INSERT INTO segment_transitions SELECT ?, s.person_id, 'entered', make_timestamp(?) FROM "
                        + AtomicAppend.STAGE + " s ANTI JOIN segment_members m ON m.segment_id = ? AND m.person_id = s.person_id", id, at, id);
                changes[1] = Sql.update(tx, "INSERT INTO segment_transitions SELECT ?, m.person_id, 'exited', make_timestamp(?) FROM segment_members m "
                        + "WHERE m.segment_id = ? AND m.person_id NOT IN (SELECT person_id FROM " + AtomicAppend.STAGE + ")", id, at, id);
                Sql.update(tx, "DELETE FROM segment_members WHERE segment_id = ? AND person_id NOT IN (SELECT person_id FROM "
                        + AtomicAppend.STAGE + ")", id);
                Sql.update(tx, "INSERT INTO segment_members SELECT ?, s.person_id, make_timestamp(?) FROM " + AtomicAppend.STAGE
                        + " s ANTI JOIN segment_members m ON m.segment_id = ? AND m.person_id = s.person_id", id, at, id);
                Sql.update(tx, "UPDATE segments SET members = (SELECT count(*) FROM " + AtomicAppend.STAGE + ") WHERE id = ?", id);
            });
        } catch (SQLException e) {
            throw failure("refresh", e);
        }
        return changes;
    }

    /** Members in person-id order, paged. */
    public List<Member> members(String id, int limit, long offset) {
        return page("SELECT person_id, epoch_us(since) FROM segment_members WHERE segment_id = ? ORDER BY person_id LIMIT ? OFFSET ?",
                id, limit, offset, rs -> new Member(rs.getString(1), Sql.instant(rs, 2)));
    }

    /** Entries and exits of a segment, oldest first, paged. */
    public List<Transition> transitions(String id, int limit, long offset) {
        return page("SELECT person_id, kind, epoch_us(changed_at) FROM segment_transitions WHERE segment_id = ?"
                + " ORDER BY changed_at, kind, person_id LIMIT ? OFFSET ?",
                id, limit, offset, rs -> new Transition(rs.getString(1), rs.getString(2), Sql.instant(rs, 3)));
    }

    private <T> List<T> page(String sql, String id, int limit, long offset, Sql.Row<T> reader) {
        return Sql.read(store, "read segments", c -> Sql.query(c, sql, reader, id, limit, offset));
    }

    /** The ids of the saved segments a person is a member of (as of each segment's last refresh). */
    public List<String> memberships(String personId) {
        try (Connection c = store.newConnection()) {
            return memberships(c, personId);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    static List<String> memberships(Connection c, String personId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT segment_id FROM segment_members WHERE person_id = ? ORDER BY segment_id")) {
            ps.setString(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private List<SavedSegment> select(String where, String param) {
        List<SavedSegment> out = new ArrayList<>();
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS.replace("created_at, updated_at, refreshed_at", "epoch_us(created_at), epoch_us(updated_at), epoch_us(refreshed_at)")
                        + " FROM segments" + where)) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long refreshed = rs.getObject(8, Long.class);
                    out.add(new SavedSegment(rs.getString(1), rs.getString(2), rs.getString(3), Json.MAPPER.readTree(rs.getString(4)),
                            rs.getString(5), DuckDbEventStore.instant(rs.getLong(6)), DuckDbEventStore.instant(rs.getLong(7)),
                            refreshed == null ? null : DuckDbEventStore.instant(refreshed), rs.getObject(9, Long.class)));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw failure("read", e);
        }
        return out;
    }

    static WaymarkException notFound(String id) {
        return new WaymarkException(ErrorCode.NOT_FOUND, "segment", "no saved segment with id '" + id + "'");
    }

    private static WaymarkException failure(String what, Exception e) {
        return new WaymarkException(ErrorCode.IO_FAILURE, "cannot " + what + " segments: " + e.getMessage(), e);
    }
}

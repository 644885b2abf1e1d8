package io.waymark.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scheduler's durable state: enrolments (who is where in which journey version, and when to look at them next),
 * the step log, sends with their idempotency keys, and each journey's trigger cursor. Every change a step makes is one
 * {@link #transaction}, so a crash leaves each person either before or after a step, never half-way.
 */
public final class JourneyState {
    public enum Status { ACTIVE, COMPLETED, EXITED }

    /** A person's run through a journey. {@code context} holds what the run entered with (the trigger event's properties). */
    public record Enrolment(String id, String journeyKey, int version, String personId, String entryKey, String stepId, Status status,
                            Instant wakeAt, Instant enteredAt, Instant stepSince, Instant endedAt, ObjectNode context) {
        public Enrolment at(String step, Instant since, Instant wake) {
            return new Enrolment(id, journeyKey, version, personId, entryKey, step, status, wake, enteredAt, since, endedAt, context);
        }

        public Enrolment ended(Status s, Instant at) {
            return new Enrolment(id, journeyKey, version, personId, entryKey, stepId, s, null, enteredAt, stepSince, at, context);
        }
    }

    public enum SendStatus { PENDING, SENT, SUPPRESSED, RETRY, FAILED }

    /**
     * The enrolment no longer exists: the person was forgotten, or the journey deleted, while a tick held it. The step's
     * transaction rolls back, so no log or send row is written about a forgotten person.
     */
    public static final class Gone extends RuntimeException {
        Gone(String enrolmentId) {
            super("enrolment " + enrolmentId + " no longer exists");
        }
    }

    /** What is recorded of one send. */
    public record Send(String key, SendStatus status, String detail, int attempts, Instant nextAttemptAt) {
    }

    private static final String ENROLMENT = "SELECT id, journey_key, version, person_id, entry_key, step_id, status, epoch_us(wake_at),"
            + " epoch_us(entered_at), epoch_us(step_since), epoch_us(ended_at), context FROM journey_enrolments";

    private final DuckDbEventStore store;

    public JourneyState(DuckDbEventStore store) {
        this.store = store;
    }

    /** The changes of one step, written together. */
    public final class Tx {
        private final Connection c;

        private Tx(Connection c) {
            this.c = c;
        }

        public void insert(Enrolment e) throws SQLException {
            Sql.update(c, "INSERT INTO journey_enrolments VALUES (?, ?, ?, ?, ?, ?, ?, make_timestamp(?), make_timestamp(?),"
                    + " make_timestamp(?), make_timestamp(?), ?)", e.id(), e.journeyKey(), e.version(), e.personId(), e.entryKey(),
                    e.stepId(), e.status().name(), Sql.micros(e.wakeAt()), e.enteredAt(), e.stepSince(), Sql.micros(e.endedAt()), json(e.context()));
        }

        /** Saves the enrolment's new position; {@link Gone} (rolling the whole step back) when it was deleted meanwhile. */
        public void save(Enrolment e) throws SQLException {
            if (Sql.update(c, "UPDATE journey_enrolments SET step_id = ?, status = ?, wake_at = make_timestamp(?), step_since = make_timestamp(?),"
                    + " ended_at = make_timestamp(?) WHERE id = ?", e.stepId(), e.status().name(), Sql.micros(e.wakeAt()), e.stepSince(),
                    Sql.micros(e.endedAt()), e.id()) == 0) {
                throw new Gone(e.id());
            }
        }

        public void log(Enrolment e, String stepId, String outcome, String detail, Instant at) throws SQLException {
            Sql.update(c, "INSERT INTO journey_step_log VALUES (?, ?, ?, ?, ?, ?, ?, make_timestamp(?))", e.id(), e.journeyKey(), e.version(),
                    e.personId(), stepId, outcome, detail, at);
        }

        /** Records or updates the send {@code key} of enrolment {@code e}'s step. */
        public void send(Enrolment e, String key, String channel, boolean marketing, SendStatus status, String detail, int attempts,
                         Instant nextAttempt, Instant now) throws SQLException {
            if (Sql.update(c, "UPDATE journey_sends SET status = ?, detail = ?, attempts = ?, next_attempt_at = make_timestamp(?),"
                    + " updated_at = make_timestamp(?) WHERE idempotency_key = ?", status.name(), detail, attempts, Sql.micros(nextAttempt),
                    now, key) == 0) {
                // only for an enrolment that still exists: a person forgotten meanwhile gets no new row
                if (Sql.update(c, "INSERT INTO journey_sends SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, make_timestamp(?), make_timestamp(?),"
                        + " make_timestamp(?) WHERE EXISTS (SELECT 1 FROM journey_enrolments WHERE id = ?)", key, e.id(), e.journeyKey(),
                        e.stepId(), e.personId(), channel, marketing, status.name(), detail, attempts, Sql.micros(nextAttempt), now, now,
                        e.id()) == 0) {
                    throw new Gone(e.id());
                }
            }
        }

        public void cursor(String journeyKey, Instant readTo) throws SQLException {
            Sql.update(c, "DELETE FROM journey_cursors WHERE journey_key = ?", journeyKey);
            Sql.update(c, "INSERT INTO journey_cursors VALUES (?, make_timestamp(?))", journeyKey, readTo);
        }
    }

    public interface TxWork {
        void run(Tx tx) throws SQLException;
    }

    public void transaction(TxWork work) {
        Sql.transaction(store, "save journey state", c -> {
            work.run(new Tx(c));
            return null;
        });
    }

    /** Active enrolments of a running journey: due ones ({@code wake_at} passed or unset) or, with {@code all}, every one. */
    public List<Enrolment> active(String journeyKey, Instant now, boolean all) {
        return enrolments(" WHERE journey_key = ? AND status = 'ACTIVE'" + (all ? "" : " AND (wake_at IS NULL OR wake_at <= make_timestamp(?))")
                + " ORDER BY entered_at, id", all ? new Object[] {journeyKey} : new Object[] {journeyKey, now});
    }

    /** Of {@code entryKeys}, those that already entered someone into the journey (one query for a tick's candidates). */
    public Set<String> entered(String journeyKey, Collection<String> entryKeys) {
        return new HashSet<>(Sql.read(store, "read journey state", c -> Sql.query(c,
                "SELECT DISTINCT entry_key FROM journey_enrolments WHERE journey_key = ? AND list_contains(?, entry_key)",
                rs -> rs.getString(1), journeyKey, entryKeys)));
    }

    /** The latest run through the journey of each of {@code personIds} that has one. */
    public Map<String, Enrolment> latest(String journeyKey, Collection<String> personIds) {
        Map<String, Enrolment> out = new HashMap<>();
        for (Enrolment e : enrolments(" WHERE journey_key = ? AND list_contains(?, person_id) ORDER BY entered_at, id",
                journeyKey, personIds)) {
            out.put(e.personId(), e);
        }
        return out;
    }

    public Send send(String key) {
        List<Send> found = Sql.read(store, "read journey sends", c -> Sql.query(c,
                "SELECT idempotency_key, status, detail, attempts, epoch_us(next_attempt_at) FROM journey_sends WHERE idempotency_key = ?",
                rs -> new Send(rs.getString(1), SendStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getInt(4), Sql.instant(rs, 5)), key));
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * Marketing sends that reached the person since {@code since}: all journeys and channels, or only {@code channel},
     * or only {@code journeyKey} (null: any).
     */
    public long marketingSends(String personId, Instant since, String channel, String journeyKey) {
        return Sql.read(store, "read journey sends", c -> Sql.query(c,
                "SELECT count(*) FROM journey_sends WHERE person_id = ? AND marketing AND status = 'SENT' AND updated_at >= make_timestamp(?)"
                        + " AND (? IS NULL OR channel = ?) AND (? IS NULL OR journey_key = ?)",
                rs -> rs.getLong(1), personId, since, channel, channel, journeyKey, journeyKey)).get(0);
    }

    /** Where the journey's trigger stopped reading events, or null before its first read. */
    public Instant cursor(String journeyKey) {
        List<Instant> found = Sql.read(store, "read journey state", c -> Sql.query(c,
                "SELECT epoch_us(read_to) FROM journey_cursors WHERE journey_key = ?", rs -> Sql.instant(rs, 1), journeyKey));
        return found.isEmpty() ? null : found.get(0);
    }

    /** The step log of one enrolment, oldest first: "step outcome" lines (for tests and the journey map). */
    public List<String> log(String enrolmentId) {
        return Sql.read(store, "read journey state", c -> Sql.query(c,
                "SELECT step_id || ' ' || outcome FROM journey_step_log WHERE enrolment_id = ? ORDER BY logged_at, rowid", rs -> rs.getString(1), enrolmentId));
    }

    private List<Enrolment> enrolments(String where, Object... params) {
        return Sql.read(store, "read journey state", c -> Sql.query(c, ENROLMENT + where, rs -> new Enrolment(rs.getString(1),
                rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6), Status.valueOf(rs.getString(7)),
                Sql.instant(rs, 8), Sql.instant(rs, 9), Sql.instant(rs, 10), Sql.instant(rs, 11), object(rs.getString(12))), params));
    }

    private static ObjectNode object(String json) throws SQLException {
        try {
            JsonNode n = Json.MAPPER.readTree(json);
            return n instanceof ObjectNode o ? o : Json.MAPPER.createObjectNode();
        } catch (JsonProcessingException e) {
            throw new SQLException(e);
        }
    }

    private static String json(JsonNode n) throws SQLException {
        try {
            return Json.MAPPER.writeValueAsString(n == null ? Json.MAPPER.createObjectNode() : n);
        } catch (JsonProcessingException e) {
            throw new SQLException(e);
        }
    }
}

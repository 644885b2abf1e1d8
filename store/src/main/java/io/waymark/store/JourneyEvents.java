package io.waymark.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the journey scheduler reads of the events, always through the current person map: trigger candidates, the
 * events that end waits or exit persons, segment transitions, a person's event times, latest traits, identities and
 * cart. Conditions on properties are matched by the caller (core {@code EventMatch}); only names and times reach SQL.
 */
public final class JourneyEvents {
    /** One event of a person: its id, person, time and properties. */
    public record Row(String messageId, String personId, Instant at, Instant receivedAt, JsonNode properties) {
    }

    /** A person's identities, as an event about them needs them. */
    public record Identities(String personId, List<String> userIds, List<String> anonymousIds) {
    }

    private final DuckDbEventStore store;

    public JourneyEvents(DuckDbEventStore store) {
        this.store = store;
    }

    /** Makes the person map current (cheap when no event arrived since). */
    public void refreshPersons() {
        store.personMap().refresh();
    }

    /**
     * Events named {@code name} received at or after {@code receivedAfter}, of known persons, in event-time order (the
     * caller deduplicates entries by event, so reading one instant twice is safe).
     */
    public List<Row> received(String name, Instant receivedAfter) {
        return Sql.read(store, "read events", c -> Sql.query(c,
                "SELECT message_id, person_id, epoch_us(ts), epoch_us(received_at), properties FROM events_resolved"
                        + " WHERE name = ? AND received_at >= make_timestamp(?) AND person_id IS NOT NULL ORDER BY ts, message_id",
                JourneyEvents::row, name, receivedAfter));
    }

    /**
     * For each active enrolment of the journey, its person's events named {@code name} at or after the enrolment's entry
     * ({@code sinceStep} false) or the start of its current step (true).
     */
    public Map<String, List<Row>> sinceEnrolment(String journeyKey, String name, boolean sinceStep) {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        Sql.read(store, "read events", c -> Sql.query(c,
                "SELECT en.id, ev.message_id, ev.person_id, epoch_us(ev.ts), epoch_us(ev.received_at), ev.properties"
                        + " FROM journey_enrolments en JOIN events_resolved ev ON ev.person_id = en.person_id AND ev.name = ?"
                        + " AND ev.ts >= " + (sinceStep ? "en.step_since" : "en.entered_at")
                        + " WHERE en.journey_key = ? AND en.status = 'ACTIVE'"
                        + " ORDER BY ev.ts, ev.message_id",
                rs -> {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Row(rs.getString(2), rs.getString(3),
                            Sql.instant(rs, 4), Sql.instant(rs, 5), tree(rs.getString(6))));
                    return null;
                }, name, journeyKey));
        return out;
    }

    /** Persons who entered ({@code entered}) or exited segment {@code segment} at or after {@code after}. */
    public List<Row> transitions(String segment, boolean entered, Instant after) {
        return Sql.read(store, "read segment transitions", c -> Sql.query(c,
                "SELECT kind || ':' || person_id || ':' || epoch_us(changed_at), person_id, epoch_us(changed_at),"
                        + " epoch_us(changed_at), '{}' FROM segment_transitions"
                        + " WHERE segment_id = ? AND kind = ? AND changed_at >= make_timestamp(?) ORDER BY changed_at, person_id",
                JourneyEvents::row, segment, entered ? "entered" : "exited", after));
    }

    /** Each person's times of {@code name} events (oldest first), for persons with at least {@code min} of them. */
    public Map<String, List<Instant>> times(String name, int min) {
        Map<String, List<Instant>> out = new LinkedHashMap<>();
        Sql.read(store, "read events", c -> Sql.query(c,
                "SELECT person_id, list(epoch_us(ts) ORDER BY ts) FROM events_resolved WHERE name = ? AND person_id IS NOT NULL"
                        + " GROUP BY person_id HAVING count(*) >= ? ORDER BY person_id",
                rs -> {
                    List<Instant> times = new ArrayList<>();
                    for (Object v : (Object[]) rs.getArray(2).getArray()) {
                        times.add(DuckDbEventStore.instant(((Number) v).longValue()));
                    }
                    out.put(rs.getString(1), times);
                    return null;
                }, name, min));
        return out;
    }

    /** The person's latest value of every trait (later events win). */
    public ObjectNode traits(String personId) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        Sql.read(store, "read traits", c -> Sql.query(c,
                "SELECT traits FROM events_resolved WHERE person_id = ? AND traits <> '{}' ORDER BY ts, received_at",
                rs -> {
                    JsonNode t = tree(rs.getString(1));
                    if (t instanceof ObjectNode o) {
                        out.setAll(o);
                    }
                    return null;
                }, personId));
        return out;
    }

    public Identities identities(String personId) {
        List<String> users = new ArrayList<>();
        List<String> anonymous = new ArrayList<>();
        Sql.read(store, "read identities", c -> Sql.query(c, "SELECT is_user, identity FROM person_map WHERE person_id = ? ORDER BY identity",
                rs -> (rs.getBoolean(1) ? users : anonymous).add(rs.getString(2)), personId));
        return new Identities(personId, List.copyOf(users), List.copyOf(anonymous));
    }

    /** The properties of the person's {@code add_to_cart} events since their last {@code purchase}, latest 20, oldest first. */
    public ArrayNode cart(String personId) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        Sql.read(store, "read cart", c -> Sql.query(c, """
                SELECT properties FROM (
                  SELECT properties, ts FROM events_resolved WHERE person_id = ? AND name = 'add_to_cart'
                    AND ts > coalesce((SELECT max(ts) FROM events_resolved WHERE person_id = ? AND name = 'purchase'), TIMESTAMP '1970-01-01')
                  ORDER BY ts DESC LIMIT 20) ORDER BY ts""", rs -> out.add(tree(rs.getString(1))), personId, personId));
        return out;
    }

    private static Row row(java.sql.ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), Sql.instant(rs, 3), Sql.instant(rs, 4), tree(rs.getString(5)));
    }

    private static JsonNode tree(String json) throws SQLException {
        try {
            return json == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SQLException(e);
        }
    }
}

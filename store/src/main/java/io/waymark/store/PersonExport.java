package io.waymark.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.query.ProfileResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Everything the store holds about one person (GDPR art. 15 and 20), as JSON: the profile
 * (identities, latest traits, computed facts, segments), every event carrying one of their
 * identities with all its fields, and their rows of every other {@link PersonDataTables} table
 * (refused merges, person map, segment memberships). It selects exactly what {@link PersonEraser} deletes.
 */
final class PersonExport {
    private PersonExport() {
    }

    /** @param profile the person's profile, read in the same transaction as {@code c} */
    static ObjectNode export(Connection c, PersonIdentities person, ProfileResult profile) throws SQLException {
        PersonLookup.stage(c, person);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("personId", person.personId());
        out.set("userIds", Json.MAPPER.valueToTree(person.userIds()));
        out.set("anonymousIds", Json.MAPPER.valueToTree(person.anonymousIds()));
        out.set("traits", profile.traits());
        ObjectNode facts = out.putObject("facts");
        facts.put("pAlive", profile.pAlive());
        facts.put("churnRisk", profile.churnRisk());
        facts.put("expectedPurchases365d", profile.expectedPurchases365d());
        facts.put("firstSeen", profile.firstSeen() == null ? null : profile.firstSeen().toString());
        facts.put("lastSeen", profile.lastSeen() == null ? null : profile.lastSeen().toString());
        out.set("segments", Json.MAPPER.valueToTree(profile.segments()));
        ArrayNode events = out.putArray("events");
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + DuckDbQueryEngine.EVENT_COLUMNS
                + " FROM events WHERE " + PersonDataTables.where(PersonDataTables.EVENTS) + " ORDER BY ts, message_id")) {
            while (rs.next()) {
                events.add(Json.MAPPER.valueToTree(DuckDbQueryEngine.event(rs)));
            }
        }
        ObjectNode tables = out.putObject("tables");
        for (PersonDataTables.Table t : PersonDataTables.ALL) {
            if (t != PersonDataTables.EVENTS && PersonLookup.exists(c, t.name())) {
                tables.set(t.name(), rows(c, t));
            }
        }
        return out;
    }

    private static ArrayNode rows(Connection c, PersonDataTables.Table t) throws SQLException {
        ArrayNode out = Json.MAPPER.createArrayNode();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + t.name() + " WHERE " + PersonDataTables.where(t) + " ORDER BY " + t.orderBy())) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                ObjectNode row = out.addObject();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object v = meta.getColumnType(i) == Types.TIMESTAMP
                            ? toIso(rs.getObject(i, LocalDateTime.class))
                            : rs.getObject(i);
                    row.set(meta.getColumnName(i), Json.MAPPER.valueToTree(v));
                }
            }
        }
        return out;
    }

    private static String toIso(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC).toString();
    }
}

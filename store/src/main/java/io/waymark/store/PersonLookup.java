package io.waymark.store;

import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.query.ProfileSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Finds a person through the current person map (refreshed by the caller) and their identities. */
final class PersonLookup {
    private PersonLookup() {
    }

    /** The person with that identity, or a NOT_FOUND error naming the field ({@code userId}, {@code anonymousId}, {@code personId}). */
    static PersonIdentities find(Connection c, ProfileSpec.Lookup by, String id) throws SQLException {
        String sql = switch (by) {
            case USER_ID -> "SELECT person_id FROM person_map WHERE is_user AND identity = ?";
            case ANONYMOUS_ID -> "SELECT person_id FROM person_map WHERE NOT is_user AND identity = ?";
            case PERSON_ID -> "SELECT person_id FROM person_map WHERE person_id = ? LIMIT 1";
        };
        String personId;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                personId = rs.next() ? rs.getString(1) : null;
            }
        }
        if (personId == null) {
            throw new WaymarkException(ErrorCode.NOT_FOUND, field(by),
                    "no person with " + by.name().toLowerCase().replace('_', ' ') + " '" + id + "'");
        }
        var userIds = new ArrayList<String>();
        var anonymousIds = new ArrayList<String>();
        try (PreparedStatement ps = c.prepareStatement("SELECT is_user, identity FROM person_map WHERE person_id = ? ORDER BY identity")) {
            ps.setString(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    (rs.getBoolean(1) ? userIds : anonymousIds).add(rs.getString(2));
                }
            }
        }
        return new PersonIdentities(personId, List.copyOf(userIds), List.copyOf(anonymousIds));
    }

    static String field(ProfileSpec.Lookup by) {
        return switch (by) {
            case USER_ID -> "userId";
            case ANONYMOUS_ID -> "anonymousId";
            case PERSON_ID -> "personId";
        };
    }

    /** Fills the connection's temporary table {@code person_ids(person_id, is_user, identity)} that {@link PersonDataTables#where} reads. */
    static void stage(Connection c, PersonIdentities p) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE person_ids (person_id VARCHAR, is_user BOOLEAN, identity VARCHAR)");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO person_ids VALUES (?, ?, ?)")) {
            for (String u : p.userIds()) {
                ps.setString(1, p.personId());
                ps.setBoolean(2, true);
                ps.setString(3, u);
                ps.addBatch();
            }
            for (String a : p.anonymousIds()) {
                ps.setString(1, p.personId());
                ps.setBoolean(2, false);
                ps.setString(3, a);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Whether the store has {@code table} (person-keyed tables of later issues may not exist yet). */
    static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }
}

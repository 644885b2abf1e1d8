package io.waymark.store;

import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.Channel;
import io.waymark.core.event.EventType;
import io.waymark.core.kernel.EventColumns;
import io.waymark.core.kernel.EventKeys;
import io.waymark.core.kernel.StringColumn;
import io.waymark.core.query.FieldPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads the store into {@link EventColumns} sorted by (person, time, messageId). Dictionary codes
 * are computed inside DuckDB so that JDBC hands over only numbers; JSON fields are read later, on
 * first use, by rowid. Rowids of existing rows stay put while rows are only appended; when the
 * data version moved, a field load refuses ({@link StaleException}) and the caller rebuilds.
 */
final class EventColumnsLoader {
    private final DuckDbEventStore store;

    EventColumnsLoader(DuckDbEventStore store) {
        this.store = store;
    }

    /** Thrown when a lazy field load finds the data changed since the columns were read. */
    static final class StaleException extends RuntimeException {
        StaleException() {
            super("the store changed since the event columns were read", null, false, false);
        }
    }

    record Loaded(EventColumns columns, long version) {
    }

    Loaded load() {
        try (Connection c = store.newConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            // Keyed by the version the person map was built for: when rows arrived since, the caller
            // sees a newer data version next time and rebuilds; meanwhile identities the map does
            // not know yet stand as their own provisional persons.
            long version;
            try (ResultSet rs = s.executeQuery("SELECT version FROM person_map_state")) {
                rs.next();
                version = rs.getLong(1);
            }
            s.execute("""
                    CREATE TEMP TABLE snap_rows AS
                    SELECT e.rowid AS rid, coalesce(mu.person_id, ma.person_id, 'new:' || coalesce(e.user_id, e.anonymous_id)) AS person_id, e.ts, e.message_id, e.type,
                           -- the event key (EventKeys) names only track events: all pages are one key "$page", whatever their name
                           CASE WHEN e.type = 'track' THEN e.name END AS name,
                           e.channel, e.revenue
                    FROM events e
                    LEFT JOIN person_map mu ON mu.is_user AND mu.identity = e.user_id
                    LEFT JOIN person_map ma ON NOT ma.is_user AND ma.identity = e.anonymous_id""");
            s.execute("""
                    CREATE TEMP TABLE snap_persons AS
                    SELECT person_id, (row_number() OVER (ORDER BY person_id) - 1)::INTEGER AS pc
                    FROM (SELECT DISTINCT person_id FROM snap_rows)""");
            s.execute("""
                    CREATE TEMP TABLE snap_keys AS
                    SELECT type, name, (row_number() OVER (ORDER BY type, name) - 1)::INTEGER AS kc
                    FROM (SELECT DISTINCT type, name FROM snap_rows)""");
            String[] personIds = strings(s, "SELECT person_id FROM snap_persons ORDER BY pc");
            String[] keys = eventKeys(s);
            int n = Math.toIntExact(count(s, "SELECT count(*) FROM snap_rows"));
            long[] micros = new long[n];
            int[] event = new int[n];
            byte[] type = new byte[n];
            byte[] channel = new byte[n];
            double[] revenue = new double[n];
            long[] rowids = new long[n];
            int[] personStart = new int[personIds.length + 1];
            try (ResultSet rs = s.executeQuery("SELECT p.pc, epoch_us(r.ts), k.kc, " + ordinal("r.type", EventType.values()) + ", "
                    + ordinal("r.channel", Channel.values()) + ", r.revenue, r.rid FROM snap_rows r "
                    + "JOIN snap_persons p ON p.person_id IS NOT DISTINCT FROM r.person_id "
                    + "JOIN snap_keys k ON k.type = r.type AND k.name IS NOT DISTINCT FROM r.name "
                    + "ORDER BY p.pc, r.ts, r.message_id")) {
                int row = 0;
                int person = -1;
                while (rs.next()) {
                    int pc = rs.getInt(1);
                    while (person < pc) {
                        personStart[++person] = row;
                    }
                    micros[row] = rs.getLong(2);
                    event[row] = rs.getInt(3);
                    type[row] = (byte) rs.getInt(4);
                    channel[row] = (byte) Math.max(0, rs.getInt(5));
                    double r = rs.getDouble(6);
                    revenue[row] = rs.wasNull() ? Double.NaN : r;
                    rowids[row] = rs.getLong(7);
                    row++;
                }
                if (row != n) {
                    throw new IllegalStateException("read " + row + " event rows, expected " + n);
                }
                while (person < personIds.length) {
                    personStart[++person] = row;
                }
            }
            c.commit();
            EventColumns columns = new EventColumns(personIds, personStart, micros, event, keys, type, channel, revenue,
                    new JsonFieldLoader(rowids, version));
            return new Loaded(columns, version);
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot read events: " + e.getMessage(), e);
        }
    }

    /** {@code list_position} over the enum's wire names, minus one: the ordinal, or -1 when unknown. */
    private static String ordinal(String column, Enum<?>[] values) {
        var names = new ArrayList<String>();
        for (Enum<?> v : values) {
            names.add("'" + v.name().toLowerCase(Locale.ROOT) + "'");
        }
        return "(coalesce(list_position([" + String.join(",", names) + "], " + column + "), 0) - 1)::INTEGER";
    }

    private static String[] eventKeys(Statement s) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT type, name FROM snap_keys ORDER BY kc")) {
            while (rs.next()) {
                EventType t = EventType.fromWire(rs.getString(1));
                out.add(t == null ? "$" + rs.getString(1) : EventKeys.of(t, rs.getString(2)));
            }
        }
        return out.toArray(String[]::new);
    }

    private static String[] strings(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out.toArray(String[]::new);
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Reads one JSON field of every row, dictionary-encoded in DuckDB, and places it by rowid. */
    private final class JsonFieldLoader implements io.waymark.core.kernel.FieldLoader {
        private final int[] positionOfRowid;
        private final long version;
        private final int rows;

        JsonFieldLoader(long[] rowids, long version) {
            long max = -1;
            for (long r : rowids) {
                max = Math.max(max, r);
            }
            positionOfRowid = new int[Math.toIntExact(max + 1)];
            Arrays.fill(positionOfRowid, -1);
            for (int i = 0; i < rowids.length; i++) {
                positionOfRowid[(int) rowids[i]] = i;
            }
            this.version = version;
            this.rows = rowids.length;
        }

        @Override
        public StringColumn load(FieldPath path) {
            String column = switch (path.root()) {
                case PROPERTIES -> "properties";
                case CONTEXT -> "context";
                case TRAITS -> "traits";
                default -> throw new IllegalArgumentException("not a JSON field: " + path);
            };
            StringBuilder jsonPath = new StringBuilder("$");
            for (String key : path.keys()) {
                jsonPath.append(".\"").append(key).append('"');
            }
            try (Connection c = store.newConnection()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    try (ResultSet rs = s.executeQuery("SELECT version FROM person_map_state")) {
                        rs.next();
                        if (rs.getLong(1) != version) {
                            throw new StaleException();
                        }
                    }
                    // json_extract_string gives scalars as text and objects/arrays as JSON text.
                    try (PreparedStatement ps = c.prepareStatement("CREATE TEMP TABLE snap_field AS SELECT rowid AS rid, json_extract_string("
                            + column + ", ?) AS val FROM events WHERE rowid < ?")) {
                        ps.setString(1, jsonPath.toString());
                        ps.setLong(2, positionOfRowid.length);
                        ps.execute();
                    }
                    s.execute("CREATE TEMP TABLE snap_dict AS SELECT val, (row_number() OVER (ORDER BY val) - 1)::INTEGER AS code "
                            + "FROM (SELECT DISTINCT val FROM snap_field WHERE val IS NOT NULL)");
                    String[] values = strings(s, "SELECT val FROM snap_dict ORDER BY code");
                    int[] codes = new int[rows];
                    Arrays.fill(codes, StringColumn.MISSING);
                    try (ResultSet rs = s.executeQuery("SELECT f.rid, d.code FROM snap_field f JOIN snap_dict d USING (val)")) {
                        while (rs.next()) {
                            int pos = positionOfRowid[(int) rs.getLong(1)];
                            if (pos >= 0) {
                                codes[pos] = rs.getInt(2);
                            }
                        }
                    }
                    c.commit();
                    return new StringColumn(codes, values);
                }
            } catch (SQLException e) {
                throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot read field " + path + ": " + e.getMessage(), e);
            }
        }
    }
}

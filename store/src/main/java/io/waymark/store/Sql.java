package io.waymark.store;

import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Bound-parameter statements for the repositories that run many small ones (journeys). Collections are bound as
 * VARCHAR lists (for {@code list_contains(?, column)}); instants as epoch microseconds (write them through
 * {@code make_timestamp(?)}, read them with {@code epoch_us(…)}) so no JDBC time-zone
 * conversion is involved.
 */
final class Sql {
    private Sql() {
    }

    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    static long update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    static <T> List<T> query(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row.read(rs));
            }
        }
        return out;
    }

    /** Runs {@code work} in one transaction on a new connection; {@code what} names it in errors. */
    static <T> T transaction(DuckDbEventStore store, String what, Work<T> work) {
        try (Connection c = store.newConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot " + what + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} on a new connection without a transaction of its own. */
    static <T> T read(DuckDbEventStore store, String what, Work<T> work) {
        try (Connection c = store.newConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot " + what + ": " + e.getMessage(), e);
        }
    }

    static Long micros(Instant t) {
        return t == null ? null : DuckDbEventStore.micros(t);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Long v = rs.getObject(column, Long.class);
        return v == null ? null : DuckDbEventStore.instant(v);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            if (params[i] instanceof java.util.Collection<?> values) {
                ps.setArray(i + 1, c.createArrayOf("VARCHAR", values.toArray()));
            } else {
                ps.setObject(i + 1, params[i] instanceof Instant t ? DuckDbEventStore.micros(t) : params[i]);
            }
        }
        return ps;
    }
}

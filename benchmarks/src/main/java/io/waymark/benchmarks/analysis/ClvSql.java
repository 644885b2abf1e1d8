package io.waymark.benchmarks.analysis;

import io.waymark.core.query.ClvSpec;
import io.waymark.store.DuckDbEventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-customer summaries behind the {@code clv} kind, written as plain DuckDB SQL from the semantics in
 * {@link ClvSpec}, independently of the kernel: purchase events before the calibration end grouped by person and
 * local day (one transaction per day, as lifetimes' summary_data_from_transaction_data with freq "D"), then per
 * person x = days - 1, t_x = last - first day, T = calibration end day - first day, revenue and the revenue of the
 * repeat days; the acquisition channel is the channel of the person's first in-scope event. The fits are not
 * repeated here; the differential test evaluates the kernel's fitted likelihood on these summaries instead.
 */
public final class ClvSql {
    private static final java.time.Instant NO_END = java.time.Instant.parse("9999-01-01T00:00:00Z");

    private ClvSql() {
    }

    /** One customer's summary; days are local days in the spec's time zone. */
    public record Customer(String personId, String channel, int x, int tx, int bigT, long purchases, double revenue,
            double repeatRevenue) {
    }

    public static List<Customer> run(DuckDbEventStore store, ClvSpec spec) {
        String zone = spec.scope().timezone().normalized().equals(ZoneOffset.UTC) ? "UTC" : spec.scope().timezone().getId();
        String sql = "WITH ev AS (SELECT person_id, message_id, ts, channel, " + ScopeSql.KEY + " AS key, revenue,"
                + " timezone(?, timezone('UTC', ts))::DATE AS day FROM events_resolved WHERE " + ScopeSql.where(spec.scope()) + "),"
                + " firsts AS (SELECT person_id, arg_min(channel, (ts, message_id)) AS channel FROM ev GROUP BY person_id),"
                + " per_day AS (SELECT person_id, day, count(*) AS n, sum(coalesce(revenue, 0)) AS rev FROM ev"
                + "   WHERE key = ? AND ts < make_timestamp(?::BIGINT) GROUP BY person_id, day),"
                + " days AS (SELECT *, min(day) OVER (PARTITION BY person_id) AS first_day FROM per_day),"
                + " customers AS (SELECT person_id, count(*) - 1 AS x, min(day) AS first_day, max(day) AS last_day, sum(n) AS purchases,"
                + "   sum(rev) AS revenue, sum(rev) FILTER (WHERE day > first_day) AS repeat_revenue"
                + "   FROM days GROUP BY person_id),"
                + " calibration AS (SELECT coalesce(?::DATE, max(day)) AS end_day FROM ev)"
                + " SELECT c.person_id, f.channel, c.x, c.last_day - c.first_day, k.end_day - c.first_day, c.purchases, c.revenue,"
                + "   coalesce(c.repeat_revenue, 0)"
                + " FROM customers c JOIN firsts f USING (person_id) CROSS JOIN calibration k ORDER BY c.person_id";
        List<Customer> out = new ArrayList<>();
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, zone);
            ScopeSql.bind(ps, i, spec.scope());
            i += 2;
            ps.setString(i++, spec.purchase());
            ps.setLong(i++, DuckDbEventStore.micros(spec.calibrationEnd() == null ? NO_END : spec.calibrationEnd()));
            ps.setObject(i, endDay(spec));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Customer(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getLong(6),
                            rs.getDouble(7), rs.getDouble(8)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The local day of the last instant before an explicit calibration end (exclusive), or null for the default. */
    private static java.sql.Date endDay(ClvSpec spec) {
        if (spec.calibrationEnd() == null) {
            return null;
        }
        LocalDate d = spec.calibrationEnd().minusNanos(1000).atZone(spec.scope().timezone()).toLocalDate();
        return java.sql.Date.valueOf(d);
    }
}

package io.waymark.benchmarks.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.query.Period;
import io.waymark.core.query.RetentionSpec;
import io.waymark.store.DuckDbEventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Retention written as plain DuckDB SQL from the semantics in {@link RetentionSpec}, independently of the kernel:
 * number each person's events by (ts, messageId), take the first start event's local period as the cohort, join the
 * later return events of the same person and count distinct (person, offset). The triangle (offsets up to the period of
 * the latest in-scope event) is cut in Java with calendar arithmetic. The baseline of the retention benchmark.
 */
public final class RetentionSql {
    private RetentionSql() {
    }

    /** One cohort: the first local date of its period, persons, and returned persons per offset (absent offsets cut). */
    public record Cohort(LocalDate start, long size, List<Long> returned) {
    }

    public static List<Cohort> run(DuckDbEventStore store, RetentionSpec spec) {
        String unit = switch (spec.period()) {
            case DAY -> "day";
            case WEEK -> "week";
            case MONTH -> "month";
        };
        String offset = switch (spec.period()) {
            case DAY -> "(r.bucket - s.cohort)";
            case WEEK -> "((r.bucket - s.cohort) // 7)";
            case MONTH -> "((year(r.bucket) - year(s.cohort)) * 12 + month(r.bucket) - month(s.cohort))";
        };
        String sql = "WITH ev AS (SELECT person_id, " + ScopeSql.KEY + " AS key,"
                + " row_number() OVER (PARTITION BY person_id ORDER BY ts, message_id) AS rn,"
                // ts is UTC: read it as UTC, then as local wall time in the spec's zone, then truncate (weeks: ISO Monday).
                + " date_trunc('" + unit + "', timezone(?, timezone('UTC', ts)))::DATE AS bucket"
                + " FROM events_resolved WHERE " + ScopeSql.where(spec.scope()) + "),"
                + " starts AS (SELECT person_id, min(rn) AS srn, arg_min(bucket, rn) AS cohort FROM ev"
                + (spec.startsAtFirstSeen() ? "" : " WHERE key = ?") + " GROUP BY person_id),"
                + " back AS (SELECT DISTINCT s.person_id, s.cohort, " + offset + " AS off"
                + " FROM starts s JOIN ev r ON r.person_id = s.person_id AND r.rn > s.srn"
                + (spec.returnsOnAny() ? "" : " AND r.key = ?") + " WHERE " + offset + " < ?)"
                + " SELECT cohort, -1 AS off, count(*) FROM starts GROUP BY cohort"
                + " UNION ALL SELECT cohort, off, count(*) FROM back GROUP BY cohort, off"
                + " UNION ALL SELECT max(bucket), -2, 0 FROM ev";
        Map<LocalDate, long[]> counts = new HashMap<>();
        LocalDate last = null;
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            // DuckDB's ICU names UTC "UTC", not java.time's "Z".
            ps.setString(i++, spec.scope().timezone().normalized().equals(java.time.ZoneOffset.UTC) ? "UTC" : spec.scope().timezone().getId());
            ScopeSql.bind(ps, i, spec.scope());
            i += 2;
            if (!spec.startsAtFirstSeen()) {
                ps.setString(i++, spec.start());
            }
            if (!spec.returnsOnAny()) {
                ps.setString(i++, spec.returning());
            }
            ps.setInt(i, spec.periods());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.sql.Date d = rs.getDate(1);
                    int off = rs.getInt(2);
                    if (off == -2) {
                        last = d == null ? null : d.toLocalDate();
                    } else {
                        counts.computeIfAbsent(d.toLocalDate(), k -> new long[spec.periods() + 1])[off + 1] = rs.getLong(3);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("retention SQL failed: " + e.getMessage(), e);
        }
        return triangle(spec, counts, last);
    }

    private static List<Cohort> triangle(RetentionSpec spec, Map<LocalDate, long[]> counts, LocalDate last) {
        List<Cohort> out = new ArrayList<>();
        if (counts.isEmpty()) {
            return out;
        }
        LocalDate first = counts.keySet().stream().min(LocalDate::compareTo).orElseThrow();
        for (LocalDate d = first; !d.isAfter(last); d = next(d, spec.period(), 1)) {
            long[] row = counts.getOrDefault(d, new long[spec.periods() + 1]);
            List<Long> returned = new ArrayList<>();
            for (int off = 0; off < spec.periods() && !next(d, spec.period(), off).isAfter(last); off++) {
                returned.add(row[off + 1]);
            }
            out.add(new Cohort(d, row[0], returned));
        }
        return out;
    }

    private static LocalDate next(LocalDate d, Period period, int n) {
        return switch (period) {
            case DAY -> d.plusDays(n);
            case WEEK -> d.plusWeeks(n);
            case MONTH -> d.plusMonths(n);
        };
    }

    /** The kernel's result JSON in this class's shape, for comparing. */
    public static List<Cohort> kernelCohorts(JsonNode result) {
        List<Cohort> out = new ArrayList<>();
        for (JsonNode c : result.get("cohorts")) {
            List<Long> returned = new ArrayList<>();
            c.get("returned").forEach(n -> returned.add(n.asLong()));
            out.add(new Cohort(LocalDate.parse(c.get("start").asText()), c.get("size").asLong(), returned));
        }
        return out;
    }
}

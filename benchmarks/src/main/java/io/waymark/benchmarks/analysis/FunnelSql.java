package io.waymark.benchmarks.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.store.DuckDbEventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered funnel in plain DuckDB SQL over {@code events_resolved}, written from the semantics
 * (not from the kernel) as the baseline of the differential test and the benchmark.
 *
 * <p>Every step-1 event starts an attempt; each later step takes the first event of that step at or
 * after the previous step's time (an ASOF join), and counts only within {@code window} of the start
 * (inclusive). Per person the attempt with the most steps counts, the earliest on ties. Times are
 * nearest-rank percentiles (rank ceil(p * n / 100), integer arithmetic) of step-to-step microseconds.
 * Supports steps with distinct event keys and no step conditions; scope: channels and one JSON
 * field that must differ from a value ({@code neq}, missing values pass).
 */
public final class FunnelSql {
    private FunnelSql() {
    }

    /** {@code notField}: a JSON path into context such as {@code $.campaign.medium}, or null. */
    public record Query(List<String> steps, Duration window, List<String> channels, String notField, String notValue) {
    }

    public record Step(long persons, Double medianSeconds, Double p90Seconds) {
    }

    /** Overall steps, and steps per channel of the counted attempt's first event (when asked). */
    public record Result(List<Step> steps, Map<String, List<Step>> byChannel) {
    }

    public static Result run(DuckDbEventStore store, Query q, boolean byChannel) {
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement(sql(q, byChannel))) {
            int at = 1;
            for (String ch : q.channels()) {
                ps.setString(at++, ch);
            }
            if (q.notField() != null) {
                ps.setString(at++, q.notField());
                ps.setString(at++, q.notValue());
            }
            for (String step : q.steps()) {
                ps.setString(at++, step);
            }
            Result out = new Result(new ArrayList<>(), new LinkedHashMap<>());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Step> steps = new ArrayList<>();
                    for (int k = 0; k < q.steps().size(); k++) {
                        steps.add(new Step(rs.getLong(2 + 3 * k), seconds(rs, 3 + 3 * k), seconds(rs, 4 + 3 * k)));
                    }
                    String key = rs.getString(1);
                    if (key == null) {
                        out.steps().addAll(steps);
                    } else {
                        out.byChannel().put(key, steps);
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Double seconds(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v / 1e6;
    }

    static String sql(Query q, boolean byChannel) {
        int n = q.steps().size();
        long window = q.window().toSeconds() * 1_000_000L;
        StringBuilder s = new StringBuilder("WITH ev AS (SELECT person_id, message_id, channel, epoch_us(ts) AS t, "
                + "CASE WHEN type = 'track' THEN name ELSE '$' || type END AS ekey FROM events_resolved WHERE person_id IS NOT NULL");
        if (!q.channels().isEmpty()) {
            s.append(" AND channel IN (").append("?, ".repeat(q.channels().size() - 1)).append("?)");
        }
        if (q.notField() != null) {
            s.append(" AND json_extract_string(context, ?) IS DISTINCT FROM ?");
        }
        s.append(")");
        for (int k = 1; k <= n; k++) {
            s.append(", s").append(k).append(" AS (SELECT person_id, t, message_id, channel FROM ev WHERE ekey = ?)");
        }
        // a1: attempts with their start; ak: the first step-k event at or after step k-1, kept only inside the window
        // and only when step k-1 was reached (an ASOF join on a NULL time still matches in DuckDB)
        s.append(", a1 AS (SELECT person_id, message_id, channel, t AS t1 FROM s1)");
        for (int k = 2; k <= n; k++) {
            String cols = cols(k - 1);
            s.append(", a").append(k).append(" AS (SELECT a.person_id, a.message_id, a.channel, ").append(cols)
                    .append(", CASE WHEN a.t").append(k - 1).append(" IS NOT NULL AND b.t <= a.t1 + ").append(window)
                    .append(" THEN b.t END AS t").append(k)
                    .append(" FROM a").append(k - 1).append(" a ASOF LEFT JOIN s").append(k)
                    .append(" b ON a.person_id = b.person_id AND b.t >= a.t").append(k - 1).append(")");
        }
        s.append(", best AS (SELECT *, ").append(levelExpr(n)).append(" AS level FROM a").append(n)
                .append(" QUALIFY row_number() OVER (PARTITION BY person_id ORDER BY level DESC, t1, message_id) = 1)");
        s.append(" SELECT ").append(byChannel ? "channel" : "NULL::VARCHAR");
        for (int k = 1; k <= n; k++) {
            s.append(", count(*) FILTER (WHERE level >= ").append(k).append(")");
            if (k == 1) {
                s.append(", NULL::BIGINT, NULL::BIGINT");
            } else {
                String d = "list_sort(list(t" + k + " - t" + (k - 1) + ") FILTER (WHERE level >= " + k + "))";
                String cnt = "count(*) FILTER (WHERE level >= " + k + ")";
                s.append(", ").append(d).append("[(50 * ").append(cnt).append(" + 99) // 100]");
                s.append(", ").append(d).append("[(90 * ").append(cnt).append(" + 99) // 100]");
            }
        }
        s.append(" FROM best");
        if (byChannel) {
            s.append(" GROUP BY channel");
        }
        return s.toString();
    }

    private static String cols(int upTo) {
        StringBuilder out = new StringBuilder();
        for (int k = 1; k <= upTo; k++) {
            out.append(k > 1 ? ", " : "").append("a.t").append(k);
        }
        return out.toString();
    }

    private static String levelExpr(int n) {
        StringBuilder out = new StringBuilder("1");
        for (int k = 2; k <= n; k++) {
            out.append(" + (t").append(k).append(" IS NOT NULL)::INTEGER");
        }
        return out.toString();
    }

    /** The kernel's {@code steps} JSON in this class's shape, for comparing. */
    public static List<Step> kernelSteps(JsonNode steps) {
        List<FunnelSql.Step> out = new ArrayList<>();
        for (JsonNode s : steps) {
            out.add(new Step(s.get("persons").asLong(), number(s.get("medianSecondsFromPrevious")),
                    number(s.get("p90SecondsFromPrevious"))));
        }
        return out;
    }

    private static Double number(JsonNode n) {
        return n == null || n.isNull() ? null : n.asDouble();
    }
}

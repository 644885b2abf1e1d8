package io.waymark.benchmarks.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.query.PathsSpec;
import io.waymark.store.DuckDbEventStore;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Paths written as plain DuckDB SQL from the semantics in {@link PathsSpec}, independently of the kernel: drop
 * identify/alias/group calls, collapse consecutive repeats with {@code lag}, number the remaining steps, locate the
 * first (start) or last (end) anchor step and aggregate the {@code depth} steps from it into a list per person.
 * Returns the top paths and the {@code $other} entry. The baseline of the paths benchmark.
 */
public final class PathsSql {
    private PathsSql() {
    }

    public record Path(List<String> sequence, long persons) {
    }

    public static List<Path> run(DuckDbEventStore store, PathsSpec spec) {
        boolean start = spec.direction() == PathsSpec.Direction.START;
        String sql = "WITH ev AS (SELECT person_id, ts, message_id, " + ScopeSql.KEY + " AS key FROM events_resolved"
                + " WHERE type NOT IN ('identify', 'alias', 'group') AND " + ScopeSql.where(spec.scope()) + "),"
                + " steps AS (SELECT person_id, key, row_number() OVER (PARTITION BY person_id ORDER BY ts, message_id) AS pos"
                + " FROM (SELECT *, lag(key) OVER (PARTITION BY person_id ORDER BY ts, message_id) AS prev FROM ev)"
                + " WHERE prev IS NULL OR prev <> key),"
                + " anchor AS (SELECT person_id, " + (start ? "min" : "max") + "(pos) AS at FROM steps WHERE key = ? GROUP BY person_id),"
                + " paths AS (SELECT s.person_id, list(s.key ORDER BY s.pos) AS seq FROM steps s JOIN anchor a USING (person_id)"
                + (start ? " WHERE s.pos >= a.at AND s.pos < a.at + ?" : " WHERE s.pos <= a.at AND s.pos > a.at - ?")
                + " GROUP BY s.person_id)"
                + " SELECT seq, count(*) AS persons FROM paths GROUP BY seq ORDER BY persons DESC, seq";
        List<Path> out = new ArrayList<>();
        long other = 0;
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ScopeSql.bind(ps, 1, spec.scope());
            ps.setString(3, spec.anchor());
            ps.setInt(4, spec.depth());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (out.size() < spec.top()) {
                        out.add(new Path(strings(rs.getArray(1)), rs.getLong(2)));
                    } else {
                        other += rs.getLong(2);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("paths SQL failed: " + e.getMessage(), e);
        }
        if (other > 0) {
            out.add(new Path(List.of("$other"), other));
        }
        return out;
    }

    private static List<String> strings(Array array) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            out.add((String) o);
        }
        return out;
    }

    /** The kernel's result JSON in this class's shape, for comparing. */
    public static List<Path> kernelPaths(JsonNode result) {
        List<Path> out = new ArrayList<>();
        for (JsonNode p : result.get("paths")) {
            List<String> sequence = new ArrayList<>();
            p.get("sequence").forEach(k -> sequence.add(k.asText()));
            out.add(new Path(sequence, p.get("persons").asLong()));
        }
        return out;
    }
}

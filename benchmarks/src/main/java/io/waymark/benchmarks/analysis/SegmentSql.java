package io.waymark.benchmarks.analysis;

import io.waymark.store.DuckDbEventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Segment memberships written as plain DuckDB SQL from the semantics of {@code SegmentRule}, independently of
 * {@code SegmentEvaluator}: only events before the as-of instant count, and only persons with such an event can be
 * members. Each method answers one rule the differential test also gives the kernel.
 */
public final class SegmentSql {
    private static final String KNOWN = "known AS (SELECT DISTINCT person_id FROM events_resolved WHERE ts < make_timestamp(?::BIGINT))";

    private SegmentSql() {
    }

    /** {"all":[{"event":"add_to_cart","within":"7d"},{"event":"purchase","since":"add_to_cart","count":{"eq":0}}]} */
    public static Set<String> cartAbandoners(DuckDbEventStore store, Instant asOf) {
        return persons(store, cartAbandonersSql(asOf));
    }

    /** The query of {@link #cartAbandoners} (one column, person_id); times are numeric literals. */
    static String cartAbandonersSql(Instant asOf) {
        long end = micros(asOf);
        return "WITH ev AS (SELECT person_id, name, ts, row_number() OVER (PARTITION BY person_id ORDER BY ts, message_id) AS i"
                + "   FROM events_resolved WHERE ts < make_timestamp(" + end + "::BIGINT)),"
                + " last_cart AS (SELECT person_id, max(i) AS i FROM ev WHERE name = 'add_to_cart' GROUP BY person_id),"
                + " recent AS (SELECT DISTINCT person_id FROM ev WHERE name = 'add_to_cart' AND ts >= make_timestamp("
                + (end - 7L * 86_400_000_000L) + "::BIGINT))"
                + " SELECT r.person_id FROM recent r JOIN last_cart l USING (person_id)"
                + " WHERE NOT EXISTS (SELECT 1 FROM ev e WHERE e.person_id = r.person_id AND e.name = 'purchase' AND e.i > l.i)";
    }

    /** The persons of RFM group champions (one column, person_id). */
    static String championsSql(Instant asOf) {
        return "SELECT person_id FROM (" + rfmSql(asOf) + ") WHERE rfm LIKE '% champions'";
    }

    /** Writes the persons {@code sql} selects into a table, as a membership refresh would; returns how many. */
    static long materialize(DuckDbEventStore store, String sql) {
        try (Connection c = store.newConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE bench_members AS " + sql);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM bench_members")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {"event":"purchase","sum":"revenue","within":"30d","total":{"gte":minimum}} */
    public static Set<String> recentSpenders(DuckDbEventStore store, Instant asOf, double minimum) {
        return persons(store, "SELECT person_id FROM events_resolved WHERE name = 'purchase' AND ts < make_timestamp(?::BIGINT)"
                + " AND ts >= make_timestamp(?::BIGINT) GROUP BY person_id"
                + " HAVING sum(coalesce(TRY_CAST(json_extract_string(properties, '$.revenue') AS DOUBLE), 0)) >= ?",
                micros(asOf), micros(asOf) - 30L * 86_400_000_000L, minimum);
    }

    /** {"trait":name,"op":"eq","value":value}: the value of the person's latest event that carries the trait. */
    public static Set<String> latestTrait(DuckDbEventStore store, Instant asOf, String name, String value) {
        return persons(store, "SELECT person_id FROM (SELECT person_id, arg_max(v, (ts, message_id)) AS latest FROM ("
                + "   SELECT person_id, ts, message_id, json_extract_string(traits, '$.' || ?) AS v FROM events_resolved"
                + "   WHERE ts < make_timestamp(?::BIGINT)) WHERE v IS NOT NULL GROUP BY person_id) WHERE latest = ?",
                name, micros(asOf), value);
    }

    /** {"not":{"trait":name,"op":"exists"}} among known persons. */
    public static Set<String> withoutTrait(DuckDbEventStore store, Instant asOf, String name) {
        return persons(store, "WITH " + KNOWN + " SELECT person_id FROM known EXCEPT SELECT person_id FROM events_resolved"
                + " WHERE ts < make_timestamp(?::BIGINT) AND json_extract_string(traits, '$.' || ?) IS NOT NULL",
                micros(asOf), micros(asOf), name);
    }

    /**
     * Each customer's RFM score ("545") and group: ranks among customers, score = 1 + floor(5 * (rank - 1) / n) with
     * SQL's rank() (ties share the lowest rank), recency ranked from the longest gap down.
     */
    public static Map<String, String> rfm(DuckDbEventStore store, Instant asOf) {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement(rfmSql(asOf));
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Columns person_id and rfm ("545 champions"); times are numeric literals. */
    private static String rfmSql(Instant asOf) {
        long end = micros(asOf);
        return "WITH c AS (SELECT person_id, " + end + " - epoch_us(max(ts)) AS recency, count(*) AS frequency,"
                + "   sum(coalesce(TRY_CAST(json_extract_string(properties, '$.revenue') AS DOUBLE), 0)) AS monetary"
                + "   FROM events_resolved WHERE name = 'purchase' AND ts < make_timestamp(" + end + "::BIGINT) GROUP BY person_id),"
                + " s AS (SELECT person_id,"
                + "   1 + (5 * (rank() OVER (ORDER BY recency DESC) - 1)) // count(*) OVER () AS r,"
                + "   1 + (5 * (rank() OVER (ORDER BY frequency) - 1)) // count(*) OVER () AS f,"
                + "   1 + (5 * (rank() OVER (ORDER BY monetary) - 1)) // count(*) OVER () AS m FROM c)"
                + " SELECT person_id, r::VARCHAR || f::VARCHAR || m::VARCHAR || ' ' || CASE"
                + "   WHEN r <= 2 AND f <= 2 THEN 'hibernating'"
                + "   WHEN r <= 2 AND f <= 4 THEN 'at_risk'"
                + "   WHEN r <= 2 THEN 'cannot_lose_them'"
                + "   WHEN r = 3 AND f <= 2 THEN 'about_to_sleep'"
                + "   WHEN r = 3 AND f = 3 THEN 'need_attention'"
                + "   WHEN f >= 4 AND r <= 4 THEN 'loyal_customers'"
                + "   WHEN r = 4 AND f = 1 THEN 'promising'"
                + "   WHEN r = 5 AND f = 1 THEN 'new_customers'"
                + "   WHEN f <= 3 THEN 'potential_loyalists'"
                + "   ELSE 'champions' END AS rfm FROM s";
    }

    private static Set<String> persons(DuckDbEventStore store, String sql, Object... params) {
        Set<String> out = new TreeSet<>();
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static long micros(Instant t) {
        return DuckDbEventStore.micros(t);
    }
}

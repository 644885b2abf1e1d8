package io.waymark.benchmarks.analysis;

import io.waymark.core.event.Channel;
import io.waymark.core.query.KpiSpec;
import io.waymark.store.DuckDbEventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The event-based KPIs of one period as an analyst would write them in DuckDB, from the definitions shown to users
 * (pinned in {@code cases/kpis}), not from the kernel: one scan of the history up to the period's end, one GROUP BY
 * person for the customer figures, conditional aggregates for orders, revenue and survey answers. The oracle of
 * {@code KpisDifferentialTest} and the baseline of the kpis benchmark. Supports the scope's {@code channel}, not
 * {@code filters}; session figures and spend are other analyses (sessions, the spend table) and are left out.
 */
public final class KpisSql {
    private static final String SCOPED = """
            CREATE OR REPLACE TEMP TABLE k_events AS
            SELECT person_id, message_id, ts, epoch_us(ts) AS us, channel, revenue,
                   json_extract_string(context, '$.campaign.source') AS src,
                   type IN ('page', 'screen') OR (type = 'track' AND name IS DISTINCT FROM 'email_sent') AS is_visit,
                   type = 'track' AND name = 'purchase' AS is_purchase,
                   type = 'track' AND name = 'return' AS is_return,
                   CASE WHEN type = 'track' AND name = 'survey_response' THEN json_extract_string(properties, '$.survey') END AS survey,
                   TRY_CAST(json_extract_string(properties, '$.score') AS DOUBLE) AS score
            FROM events_resolved
            WHERE ts < make_timestamp(?::BIGINT) AND (?::VARCHAR = '' OR list_contains(string_split(?::VARCHAR, ','), channel))""";

    /**
     * Per person: visited (a page, screen or track event other than email_sent in the period), orders in the period
     * and up to its end, first purchase, active at start and at end; retained = active at both.
     */
    private static final String CUSTOMERS = """
            WITH p AS (
                SELECT person_id,
                       bool_or(is_visit AND ts >= make_timestamp($1)) AS visited,
                       count(*) FILTER (WHERE is_purchase AND ts >= make_timestamp($1)) AS orders_in,
                       count(*) FILTER (WHERE is_purchase) AS orders_to_end,
                       min(ts) FILTER (WHERE is_purchase) AS first_purchase,
                       bool_or(is_purchase AND ts >= make_timestamp($1 - $3) AND ts < make_timestamp($1)) AS active_start,
                       bool_or(is_purchase AND ts >= make_timestamp($2 - $3)) AS active_end
                FROM k_events GROUP BY person_id)
            SELECT count(*) FILTER (WHERE visited), count(*) FILTER (WHERE orders_in > 0),
                   count(*) FILTER (WHERE orders_in > 0 AND orders_to_end >= 2),
                   count(*) FILTER (WHERE first_purchase >= make_timestamp($1)),
                   count(*) FILTER (WHERE active_start), count(*) FILTER (WHERE active_end),
                   count(*) FILTER (WHERE active_start AND NOT coalesce(active_end, false)),
                   count(*) FILTER (WHERE active_start AND active_end)
            FROM p""";

    private static final String ORDERS = """
            SELECT count(*) FILTER (WHERE is_purchase), coalesce(sum(coalesce(revenue, 0)) FILTER (WHERE is_purchase), 0),
                   coalesce(sum(abs(revenue)) FILTER (WHERE is_return), 0),
                   count(*) FILTER (WHERE survey = 'nps' AND score BETWEEN 0 AND 10 AND score = round(score)),
                   count(*) FILTER (WHERE survey = 'nps' AND score >= 9 AND score <= 10 AND score = round(score)),
                   count(*) FILTER (WHERE survey = 'nps' AND score >= 0 AND score <= 6 AND score = round(score)),
                   count(*) FILTER (WHERE survey = 'csat' AND score BETWEEN 1 AND 5 AND score = round(score)),
                   count(*) FILTER (WHERE survey = 'csat' AND score BETWEEN 4 AND 5 AND score = round(score))
            FROM k_events WHERE ts >= make_timestamp(?::BIGINT)""";

    /**
     * Orders and revenue by the channel of the purchase's visit: window functions cut the visit-making events into
     * visits (a 30-minute gap, then within such a gap-visit a campaign source other than the last one seen before in
     * it), and the visit's channel is that of its first event.
     */
    private static final String BY_CHANNEL = """
            WITH ordered AS (
                SELECT *, row_number() OVER w AS rn, coalesce(us - lag(us) OVER w > 1800000000, true) AS gap_start
                FROM k_events WHERE is_visit
                WINDOW w AS (PARTITION BY person_id ORDER BY us, message_id)),
            gaps AS (
                SELECT *, sum(gap_start::INTEGER) OVER (PARTITION BY person_id ORDER BY rn ROWS UNBOUNDED PRECEDING) AS gap_visit
                FROM ordered),
            marked AS (
                SELECT *, gap_start OR (src IS NOT NULL AND src IS DISTINCT FROM last_value(src IGNORE NULLS) OVER (
                    PARTITION BY person_id, gap_visit ORDER BY rn ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) AS visit_start
                FROM gaps),
            visits AS (
                SELECT *, sum(visit_start::INTEGER) OVER (PARTITION BY person_id ORDER BY rn ROWS UNBOUNDED PRECEDING) AS visit
                FROM marked),
            labelled AS (
                SELECT *, first_value(channel) OVER (PARTITION BY person_id, visit ORDER BY rn) AS visit_channel
                FROM visits)
            SELECT visit_channel, count(*), sum(coalesce(revenue, 0))
            FROM labelled WHERE is_purchase AND ts >= make_timestamp(?::BIGINT) GROUP BY visit_channel""";

    /** The KPIs of [from, to) by name, and per channel of their visit [orders, revenue] of the period's purchases. */
    public record Figures(Map<String, Double> kpis, Map<String, double[]> byChannel) {
    }

    private final DuckDbEventStore store;

    public KpisSql(DuckDbEventStore store) {
        this.store = store;
    }

    public Figures run(KpiSpec spec, Instant from, Instant to) {
        if (!spec.scope().filters().isEmpty()) {
            throw new IllegalArgumentException("KpisSql supports channel, not filters");
        }
        long a = DuckDbEventStore.micros(from);
        long b = DuckDbEventStore.micros(to);
        long churn = spec.churnDays() * 86_400_000_000L;
        String channels = spec.scope().channels().stream().map(Channel::wireName).collect(Collectors.joining(","));
        try (Connection c = store.newConnection()) {
            try (PreparedStatement ps = c.prepareStatement(SCOPED)) {
                ps.setLong(1, b);
                ps.setString(2, channels);
                ps.setString(3, channels);
                ps.execute();
            }
            Map<String, Double> kpis = new LinkedHashMap<>();
            customers(c, a, b, churn, kpis);
            orders(c, a, kpis);
            return new Figures(kpis, byChannel(c, a));
        } catch (SQLException e) {
            throw new IllegalStateException("kpis SQL failed: " + e.getMessage(), e);
        }
    }

    private static void customers(Connection c, long a, long b, long churn, Map<String, Double> kpis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CUSTOMERS)) {
            ps.setLong(1, a);
            ps.setLong(2, b);
            ps.setLong(3, churn);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long visitors = rs.getLong(1);
                long purchasers = rs.getLong(2);
                long start = rs.getLong(5);
                kpis.put("visitors", (double) visitors);
                kpis.put("purchasers", (double) purchasers);
                kpis.put("conversion_rate", ratio(purchasers, visitors));
                kpis.put("repeat_purchase_rate", ratio(rs.getLong(3), purchasers));
                kpis.put("new_customers", (double) rs.getLong(4));
                kpis.put("customer_retention_rate", ratio(rs.getLong(8), start));
                kpis.put("churn_rate", ratio(rs.getLong(7), start));
            }
        }
    }

    private static void orders(Connection c, long a, Map<String, Double> kpis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ORDERS)) {
            ps.setLong(1, a);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long orders = rs.getLong(1);
                double revenue = rs.getDouble(2);
                kpis.put("orders", (double) orders);
                kpis.put("revenue", revenue);
                kpis.put("returns", rs.getDouble(3));
                kpis.put("average_order_value", orders == 0 ? null : revenue / orders);
                long nps = rs.getLong(4);
                kpis.put("nps", nps == 0 ? null : 100.0 * (rs.getLong(5) - rs.getLong(6)) / nps);
                kpis.put("csat", ratio(rs.getLong(8), rs.getLong(7)));
            }
        }
    }

    private static Map<String, double[]> byChannel(Connection c, long a) throws SQLException {
        Map<String, double[]> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(BY_CHANNEL)) {
            ps.setLong(1, a);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new double[] {rs.getLong(2), rs.getDouble(3)});
                }
            }
        }
        return out;
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}

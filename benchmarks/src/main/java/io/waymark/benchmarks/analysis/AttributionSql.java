package io.waymark.benchmarks.analysis;

import io.waymark.core.event.Channel;
import io.waymark.core.kernel.AttributionResult;
import io.waymark.core.query.AttributionSpec;
import io.waymark.core.query.SpecReader;
import io.waymark.store.DuckDbEventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Rule-based attribution (first_touch, last_touch, linear; by channel) as an analyst would write it in DuckDB,
 * from the semantics pinned in {@code cases/attribution}, not from the kernel: window functions cut visits (30-minute
 * gap, then a campaign-source change within a visit), each visit start that is not a conversion is a touchpoint,
 * a range join pairs every conversion with its touchpoints in {@code [t - lookback, t)}, and window counts give each
 * touchpoint its weight. The oracle of {@code AttributionDifferentialTest} and the baseline of the attribution
 * benchmark. Supports the scope's {@code from}/{@code to} and {@code channel}, not {@code filters} or a time zone
 * other than UTC (spend days start at UTC midnight); the conversion must be a track event name.
 */
public final class AttributionSql {
    private static final String EVENTS = """
            CREATE OR REPLACE TEMP TABLE a_events AS
            SELECT person_id, message_id, type, name, channel, epoch_us(ts) AS us, coalesce(revenue, 0) AS value,
                   json_extract_string(context, '$.campaign.source') AS src,
                   type = 'track' AND name = ? AS conversion
            FROM events_resolved
            WHERE (?::BIGINT IS NULL OR ts >= make_timestamp(?::BIGINT)) AND (?::BIGINT IS NULL OR ts < make_timestamp(?::BIGINT))
              AND (?::VARCHAR = '' OR list_contains(string_split(?::VARCHAR, ','), channel))""";

    /** Visit starts; within a gap-visit the current source is the last one seen before (see SessionsSql). */
    private static final String TOUCHES = """
            CREATE OR REPLACE TEMP TABLE a_touches AS
            WITH ordered AS (
                SELECT *, row_number() OVER w AS rn, coalesce(us - lag(us) OVER w > 1800000000, true) AS visit_start
                FROM a_events
                WHERE type IN ('page', 'screen', 'track') AND NOT (type = 'track' AND name = 'email_sent')
                WINDOW w AS (PARTITION BY person_id ORDER BY us, message_id)),
            visits AS (
                SELECT *, sum(visit_start::INTEGER) OVER (PARTITION BY person_id ORDER BY rn ROWS UNBOUNDED PRECEDING) AS visit
                FROM ordered),
            marked AS (
                SELECT *, visit_start OR (src IS NOT NULL AND src IS DISTINCT FROM last_value(src IGNORE NULLS) OVER (
                    PARTITION BY person_id, visit ORDER BY rn ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) AS touch
                FROM visits)
            SELECT person_id, us, rn, channel FROM marked WHERE touch AND NOT conversion""";

    /** Each conversion's touchpoints in the lookback with their position; one NULL touch when there is none. */
    private static final String CREDIT = """
            WITH conversions AS (
                SELECT row_number() OVER () AS cid, person_id, us, value FROM a_events WHERE conversion),
            paired AS (
                SELECT c.cid, c.value, t.channel,
                       count(t.us) OVER (PARTITION BY c.cid) AS n,
                       row_number() OVER (PARTITION BY c.cid ORDER BY t.us, t.rn) AS pos
                FROM conversions c LEFT JOIN a_touches t
                  ON t.person_id = c.person_id AND t.us < c.us AND t.us >= c.us - ?),
            weighted AS (
                SELECT coalesce(channel, '$none') AS channel, value,
                       CASE ? WHEN 'first_touch' THEN (pos = 1)::DOUBLE
                              WHEN 'last_touch' THEN (pos = greatest(n, 1))::DOUBLE
                              ELSE 1.0 / greatest(n, 1) END AS weight
                FROM paired)
            SELECT channel, sum(weight), sum(weight * value) FROM weighted GROUP BY channel""";

    private static final String TOTALS = "SELECT count(*), coalesce(sum(value), 0) FROM a_events WHERE conversion";
    private static final String SPEND = """
            SELECT channel, sum(cost) FROM spend
            WHERE (?::BIGINT IS NULL OR date::TIMESTAMP >= make_timestamp(?::BIGINT))
              AND (?::BIGINT IS NULL OR date::TIMESTAMP < make_timestamp(?::BIGINT))
              AND (?::VARCHAR = '' OR list_contains(string_split(?::VARCHAR, ','), channel))
            GROUP BY channel""";

    private final DuckDbEventStore store;

    public AttributionSql(DuckDbEventStore store) {
        this.store = store;
    }

    public AttributionResult run(AttributionSpec spec) {
        if (!spec.scope().filters().isEmpty() || spec.by() != AttributionSpec.By.CHANNEL
                || !List.of(AttributionSpec.Model.FIRST_TOUCH, AttributionSpec.Model.LAST_TOUCH, AttributionSpec.Model.LINEAR).contains(spec.model())) {
            throw new IllegalArgumentException("AttributionSql supports first_touch, last_touch and linear by channel without filters");
        }
        try (Connection c = store.newConnection()) {
            prepare(c, spec);
            Map<String, double[]> credit = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(CREDIT)) {
                ps.setLong(1, spec.lookbackDays() * 86_400_000_000L);
                ps.setString(2, SpecReader.wire(spec.model()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        credit.put(rs.getString(1), new double[] {rs.getDouble(2), rs.getDouble(3)});
                    }
                }
            }
            Map<String, Double> spend = spend(c, spec);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(TOTALS)) {
                rs.next();
                return new AttributionResult(SpecReader.wire(spec.model()), SpecReader.wire(spec.value()), "channel", spec.lookbackDays(),
                        rs.getLong(1), rs.getDouble(2), rows(spec, credit, spend), null);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("attribution SQL failed: " + e.getMessage(), e);
        }
    }

    private static void prepare(Connection c, AttributionSpec spec) throws SQLException {
        var range = spec.scope().range();
        Long from = range.from() == null ? null : DuckDbEventStore.micros(range.from());
        Long to = range.to() == null ? null : DuckDbEventStore.micros(range.to());
        String channels = spec.scope().channels().stream().map(Channel::wireName).collect(Collectors.joining(","));
        try (PreparedStatement ps = c.prepareStatement(EVENTS)) {
            Object[] args = {spec.conversion(), from, from, to, to, channels, channels};
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        }
        try (Statement s = c.createStatement()) {
            s.execute(TOUCHES);
        }
    }

    private static Map<String, Double> spend(Connection c, AttributionSpec spec) throws SQLException {
        var range = spec.scope().range();
        if (!spec.scope().timezone().normalized().equals(java.time.ZoneOffset.UTC)) {
            throw new IllegalArgumentException("AttributionSql counts spend days in UTC only");
        }
        Long from = range.from() == null ? null : DuckDbEventStore.micros(range.from());
        Long to = range.to() == null ? null : DuckDbEventStore.micros(range.to());
        String channels = spec.scope().channels().stream().map(Channel::wireName).collect(Collectors.joining(","));
        Map<String, Double> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SPEND)) {
            Object[] args = {from, from, to, to, channels, channels};
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getDouble(2));
                }
            }
        }
        return out;
    }

    private static List<AttributionResult.Row> rows(AttributionSpec spec, Map<String, double[]> credit, Map<String, Double> spend) {
        List<AttributionResult.Row> rows = new ArrayList<>();
        TreeSet<String> channels = new TreeSet<>(credit.keySet());
        channels.addAll(spend.keySet());
        for (String ch : channels) {
            double[] cr = credit.getOrDefault(ch, new double[2]);
            double cost = spend.getOrDefault(ch, 0.0);
            if (cr[0] != 0 || cr[1] != 0 || cost != 0) {
                rows.add(new AttributionResult.Row(ch, null, cr[0], cr[1], cost, cost == 0 ? null : cr[1] / cost));
            }
        }
        Comparator<AttributionResult.Row> byValue = spec.value() == AttributionSpec.Value.REVENUE
                ? Comparator.comparingDouble(r -> -r.revenue()) : Comparator.comparingDouble(r -> -r.conversions());
        rows.sort(byValue.thenComparing(AttributionResult.Row::channel));
        return rows;
    }
}

package io.waymark.benchmarks.analysis;

import io.waymark.core.event.Channel;
import io.waymark.core.kernel.SessionsResult;
import io.waymark.core.query.SessionsSpec;
import io.waymark.store.DuckDbEventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The sessions analysis as an analyst would write it in DuckDB, from the semantics (GA's session
 * definition as pinned in {@code cases/sessions}), not from the kernel: window functions mark where a
 * session starts, one GROUP BY folds sessions, and small aggregates over those give the result.
 * The oracle of {@code SessionsDifferentialTest} and the baseline of the sessions benchmark.
 * Supports the scope's {@code from}/{@code to} and {@code channel}; not {@code filters}.
 */
public final class SessionsSql {
    /** Interactions in scope, with the campaign source and the page of views ('$none' for a view without one). */
    private static final String EVENTS = """
            CREATE OR REPLACE TEMP TABLE s_events AS
            SELECT person_id, message_id, type, channel, epoch_us(ts) AS us,
                   json_extract_string(context, '$.campaign.source') AS src,
                   CASE type WHEN 'page' THEN coalesce(json_extract_string(context, '$.page.path'), '$none')
                             WHEN 'screen' THEN coalesce(json_extract_string(properties, '$.name'), '$none') END AS page
            FROM events_resolved
            WHERE type IN ('page', 'screen', 'track') AND NOT (type = 'track' AND coalesce(name, '') = 'email_sent')
              AND (?::BIGINT IS NULL OR ts >= make_timestamp(?::BIGINT)) AND (?::BIGINT IS NULL OR ts < make_timestamp(?::BIGINT))
              AND (?::VARCHAR = '' OR list_contains(string_split(?::VARCHAR, ','), channel))""";

    /**
     * A visit is cut by inactivity first. Within a visit, the session's current source is the last
     * source seen before the event in the same visit (a source change resets it to the new source, which
     * is then that last source), so one window finds source changes without recursion.
     */
    private static final String SESSIONS = """
            CREATE OR REPLACE TEMP TABLE s_sessions AS
            WITH ordered AS (
                SELECT *, row_number() OVER w AS rn,
                       CASE WHEN us - lag(us) OVER w <= ? THEN 0 ELSE 1 END AS visit_start
                FROM s_events WINDOW w AS (PARTITION BY person_id ORDER BY us, message_id)),
            visits AS (
                SELECT *, sum(visit_start) OVER (PARTITION BY person_id ORDER BY rn ROWS UNBOUNDED PRECEDING) AS visit
                FROM ordered),
            marked AS (
                SELECT *, CASE WHEN visit_start = 1 THEN 1
                               WHEN src IS NOT NULL AND src IS DISTINCT FROM last_value(src IGNORE NULLS) OVER (
                                   PARTITION BY person_id, visit ORDER BY rn ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 1
                               ELSE 0 END AS session_start
                FROM visits),
            numbered AS (
                SELECT *, sum(session_start) OVER (PARTITION BY person_id ORDER BY rn ROWS UNBOUNDED PRECEDING) AS session
                FROM marked)
            SELECT person_id, session, max(us) - min(us) AS duration_us, arg_min(channel, rn) AS channel,
                   count(page) AS views, count(page) = 1 AND count(*) FILTER (WHERE type = 'track') = 0 AS bounce,
                   arg_min(page, rn) FILTER (WHERE page IS NOT NULL) AS landing,
                   arg_max(page, rn) FILTER (WHERE page IS NOT NULL) AS exit
            FROM numbered
            GROUP BY person_id, session""";

    private static final String TOTALS = """
            SELECT count(*), count(DISTINCT person_id), avg(bounce::INTEGER), avg(duration_us) / 1e6,
                   quantile_cont(duration_us, 0.5) / 1e6, avg(views)
            FROM s_sessions""";
    private static final String BY_CHANNEL = """
            SELECT channel, count(*) AS n, avg(bounce::INTEGER), avg(duration_us) / 1e6
            FROM s_sessions GROUP BY channel ORDER BY n DESC, channel""";
    private static final String LANDING = """
            SELECT landing, count(*) AS n, avg(bounce::INTEGER)
            FROM s_sessions WHERE landing IS NOT NULL GROUP BY landing ORDER BY n DESC, landing LIMIT ?""";
    private static final String EXIT = """
            WITH views AS (SELECT page, count(*) AS views FROM s_events WHERE page IS NOT NULL GROUP BY page),
                 exits AS (SELECT exit AS page, count(*) AS exits FROM s_sessions WHERE exit IS NOT NULL GROUP BY exit)
            SELECT page, views, exits, exits / views FROM exits JOIN views USING (page) ORDER BY exits DESC, page LIMIT ?""";

    private final DuckDbEventStore store;

    public SessionsSql(DuckDbEventStore store) {
        this.store = store;
    }

    public SessionsResult run(SessionsSpec spec) {
        if (!spec.scope().filters().isEmpty()) {
            throw new IllegalArgumentException("SessionsSql supports from/to and channel, not filters");
        }
        try (Connection c = store.newConnection()) {
            prepare(c, spec);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(TOTALS)) {
                rs.next();
                return new SessionsResult(spec.gapMinutes(), rs.getLong(1), rs.getLong(2), number(rs, 3), number(rs, 4),
                        number(rs, 5), number(rs, 6), byChannel(c), landingPages(c, spec.top()), exitPages(c, spec.top()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sessions SQL failed: " + e.getMessage(), e);
        }
    }

    private static void prepare(Connection c, SessionsSpec spec) throws SQLException {
        var range = spec.scope().range();
        Long from = range.from() == null ? null : DuckDbEventStore.micros(range.from());
        Long to = range.to() == null ? null : DuckDbEventStore.micros(range.to());
        String channels = spec.scope().channels().stream().map(Channel::wireName).collect(Collectors.joining(","));
        try (PreparedStatement ps = c.prepareStatement(EVENTS)) {
            Object[] args = {from, from, to, to, channels, channels};
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        }
        try (PreparedStatement ps = c.prepareStatement(SESSIONS)) {
            ps.setLong(1, spec.gapMinutes() * 60_000_000L);
            ps.execute();
        }
    }

    private static List<SessionsResult.ChannelRow> byChannel(Connection c) throws SQLException {
        List<SessionsResult.ChannelRow> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(BY_CHANNEL)) {
            while (rs.next()) {
                out.add(new SessionsResult.ChannelRow(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4)));
            }
        }
        return out;
    }

    private static List<SessionsResult.LandingPage> landingPages(Connection c, int top) throws SQLException {
        List<SessionsResult.LandingPage> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LANDING)) {
            ps.setInt(1, top);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SessionsResult.LandingPage(rs.getString(1), rs.getLong(2), rs.getDouble(3)));
                }
            }
        }
        return out;
    }

    private static List<SessionsResult.ExitPage> exitPages(Connection c, int top) throws SQLException {
        List<SessionsResult.ExitPage> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(EXIT)) {
            ps.setInt(1, top);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SessionsResult.ExitPage(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4)));
                }
            }
        }
        return out;
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}

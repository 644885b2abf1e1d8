package io.waymark.benchmarks.analysis;

import io.waymark.store.DuckDbEventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journey map's stage counts with Waymark's default rules, written directly in DuckDB SQL from
 * the documented semantics, as an independent check of the stages kernel: per stage the persons who
 * reached it and the persons whose furthest stage it is. A person's stage before an event is the
 * furthest stage any earlier event matched (journeys only move forward), so an event reaches stage s
 * when it matches s and the furthest stage matched before it is lower than s.
 */
public final class StagesSql {
    public static final List<String> STAGES = List.of("awareness", "consideration", "decision", "purchase", "post-purchase", "loyalty");

    private static final String SQL = """
            WITH ev AS (
                SELECT person_id, ts, message_id, channel,
                       CASE WHEN type = 'track' THEN name ELSE '$' || type END AS event_key,
                       json_extract_string(context, '$.campaign.medium') AS medium
                FROM events_resolved
                WHERE (?::BIGINT IS NULL OR ts >= make_timestamp(?::BIGINT)) AND (?::BIGINT IS NULL OR ts < make_timestamp(?::BIGINT))
            ),
            numbered AS (
                SELECT *,
                       row_number() OVER w AS nth,
                       sum(CASE WHEN event_key = 'purchase' THEN 1 ELSE 0 END) OVER (w ROWS UNBOUNDED PRECEDING) AS purchases
                FROM ev
                WINDOW w AS (PARTITION BY person_id ORDER BY ts, message_id)
            ),
            matched AS (
                SELECT person_id, ts, message_id,
                       nth = 1 OR channel IN ('ads', 'social') OR coalesce(medium IN ('cpc', 'social', 'paid'), FALSE) AS s0,
                       event_key IN ('product_view', 'search', 'email_click') AS s1,
                       event_key IN ('add_to_cart', 'checkout_started', 'checkout_shipping', 'checkout_payment') AS s2,
                       event_key = 'purchase' AS s3,
                       event_key IN ('delivery', 'return', 'support_ticket', 'review') AS s4,
                       (event_key = 'purchase' AND purchases >= 2) OR event_key = 'referral' AS s5
                FROM numbered
            ),
            furthest AS (
                SELECT *, CASE WHEN s5 THEN 5 WHEN s4 THEN 4 WHEN s3 THEN 3 WHEN s2 THEN 2 WHEN s1 THEN 1 WHEN s0 THEN 0 ELSE -1 END AS f
                FROM matched
            ),
            progress AS (
                SELECT *, coalesce(max(f) OVER (PARTITION BY person_id ORDER BY ts, message_id
                                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), -1) AS before
                FROM furthest
            ),
            per_person AS (
                SELECT person_id, max(f) AS current_stage,
                       bool_or(s0 AND before < 0) AS r0, bool_or(s1 AND before < 1) AS r1, bool_or(s2 AND before < 2) AS r2,
                       bool_or(s3 AND before < 3) AS r3, bool_or(s4 AND before < 4) AS r4, bool_or(s5 AND before < 5) AS r5
                FROM progress
                GROUP BY person_id
            )
            SELECT count(*) FILTER (WHERE r0), count(*) FILTER (WHERE r1), count(*) FILTER (WHERE r2),
                   count(*) FILTER (WHERE r3), count(*) FILTER (WHERE r4), count(*) FILTER (WHERE r5),
                   count(*) FILTER (WHERE current_stage = 0), count(*) FILTER (WHERE current_stage = 1),
                   count(*) FILTER (WHERE current_stage = 2), count(*) FILTER (WHERE current_stage = 3),
                   count(*) FILTER (WHERE current_stage = 4), count(*) FILTER (WHERE current_stage = 5)
            FROM per_person
            """;

    private StagesSql() {
    }

    /** Persons who reached each stage and persons whose furthest stage it is, keyed by stage name in rule order. */
    public record Counts(Map<String, Long> persons, Map<String, Long> current) {
    }

    /** Runs over {@code events_resolved} (refresh the person map first); {@code from}/{@code to} may be null. */
    public static Counts run(DuckDbEventStore store, Instant from, Instant to) {
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            // Epoch microseconds, so the JVM's time zone never shifts the range.
            Long f = from == null ? null : DuckDbEventStore.micros(from);
            Long t = to == null ? null : DuckDbEventStore.micros(to);
            ps.setObject(1, f);
            ps.setObject(2, f);
            ps.setObject(3, t);
            ps.setObject(4, t);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Map<String, Long> persons = new LinkedHashMap<>();
                Map<String, Long> current = new LinkedHashMap<>();
                for (int i = 0; i < STAGES.size(); i++) {
                    persons.put(STAGES.get(i), rs.getLong(1 + i));
                    current.put(STAGES.get(i), rs.getLong(1 + STAGES.size() + i));
                }
                return new Counts(persons, current);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("stages SQL failed: " + e.getMessage(), e);
        }
    }
}

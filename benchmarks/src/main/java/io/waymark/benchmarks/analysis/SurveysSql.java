package io.waymark.benchmarks.analysis;

import io.waymark.core.query.SurveysSpec;
import io.waymark.store.DuckDbEventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The surveys kind's counts written as plain DuckDB SQL from the definitions in {@link SurveysSpec}, independently of
 * the kernel: one GROUP BY (survey id, type) over the {@code survey_response} events in scope, with conditional
 * counts for the NPS classes and the CSAT top-two box, and per (survey, ISO week) for the weekly trend. The oracle of
 * {@code SurveysDifferentialTest}. Sentiment is VADER in Java and not re-implemented here; only the comments are counted.
 */
public final class SurveysSql {
    private SurveysSql() {
    }

    /** Counts of one survey (or one survey's week). */
    public record Tally(long responses, long respondents, long scored, long promoters, long passives, long detractors,
            long satisfied, Double meanScore, long comments) {
        public Double nps() {
            return scored == 0 ? null : 100.0 * (promoters - detractors) / scored;
        }

        public Double csat() {
            return scored == 0 ? null : 100.0 * satisfied / scored;
        }
    }

    private static final String ANSWERS = """
            WITH a AS (
                SELECT person_id, ts, lower(trim(json_extract_string(properties, '$.survey'))) AS type,
                       json_extract_string(properties, '$.surveyId') AS sid,
                       TRY_CAST(json_extract_string(properties, '$.score') AS DOUBLE) AS raw,
                       json_extract_string(properties, '$.comment') AS comment
                FROM events_resolved
                WHERE type = 'track' AND name = 'survey_response' AND %s),
            s AS (
                SELECT *, coalesce(sid, type, '$none') AS id,
                       CASE WHEN raw = floor(raw) AND ((type = 'nps' AND raw BETWEEN 0 AND 10)
                                 OR (type = 'csat' AND raw BETWEEN 1 AND 5) OR (type = 'ces' AND raw BETWEEN 1 AND 7)) THEN raw
                            WHEN type IS DISTINCT FROM 'nps' AND type IS DISTINCT FROM 'csat' AND type IS DISTINCT FROM 'ces'
                                 AND type IS DISTINCT FROM 'text' THEN raw END AS score
                FROM a)
            SELECT id, coalesce(type, '') AS type, %s AS bucket, count(*), count(DISTINCT person_id), count(score),
                   count(*) FILTER (WHERE type = 'nps' AND score >= 9), count(*) FILTER (WHERE type = 'nps' AND score IN (7, 8)),
                   count(*) FILTER (WHERE type = 'nps' AND score <= 6), count(*) FILTER (WHERE type = 'csat' AND score >= 4),
                   avg(score), count(*) FILTER (WHERE trim(comment) <> '')
            FROM s GROUP BY ALL ORDER BY ALL""";

    /** Per "id|type" the whole scope's tally (bucket "") and each week's (bucket = the ISO week's Monday, UTC). */
    public static Map<String, Map<String, Tally>> run(DuckDbEventStore store, SurveysSpec spec) {
        Map<String, Map<String, Tally>> out = new LinkedHashMap<>();
        try (Connection c = store.newConnection()) {
            query(c, spec, "''", out);
            query(c, spec, "strftime(date_trunc('week', ts), '%Y-%m-%d')", out);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static void query(Connection c, SurveysSpec spec, String bucket, Map<String, Map<String, Tally>> out) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(String.format(ANSWERS, ScopeSql.where(spec.scope()), bucket))) {
            ScopeSql.bind(ps, 1, spec.scope());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double mean = rs.getDouble(11);
                    Tally t = new Tally(rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                            rs.getLong(10), rs.wasNull() ? null : mean, rs.getLong(12));
                    out.computeIfAbsent(rs.getString(1) + "|" + rs.getString(2), k -> new LinkedHashMap<>()).put(rs.getString(3), t);
                }
            }
        }
    }
}

package io.waymark.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.Channel;
import io.waymark.core.event.Event;
import io.waymark.core.event.EventType;
import io.waymark.core.kernel.Analyses;
import io.waymark.core.kernel.ChurnScores;
import io.waymark.core.kernel.RecommendationModel;
import io.waymark.core.kernel.RecommendationsResult;
import io.waymark.core.kernel.Recommender;
import io.waymark.core.query.AnalysisSpec;
import io.waymark.core.query.PersonSearchSpec;
import io.waymark.core.spend.SpendEntry;
import io.waymark.core.query.ProfileResult;
import io.waymark.core.query.ProfileSpec;
import io.waymark.core.query.QuerySpec;
import io.waymark.core.query.RecommendationsSpec;
import io.waymark.core.kernel.ExperimentAnalysis;
import io.waymark.core.query.ExperimentSpec;
import io.waymark.core.query.SegmentSpec;
import io.waymark.core.query.StageRules;
import io.waymark.core.query.StagesSpec;
import io.waymark.core.query.SummaryResult;
import io.waymark.core.query.SummarySpec;
import io.waymark.core.query.TimeRange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs typed query specs against the embedded store. Spec values are always bound as parameters. */
public final class DuckDbQueryEngine {
    private static final String RANGE = " (?::BIGINT IS NULL OR ts >= make_timestamp(?::BIGINT)) AND (?::BIGINT IS NULL OR ts < make_timestamp(?::BIGINT)) ";
    static final String EVENT_COLUMNS = "message_id, type, name, anonymous_id, user_id, previous_id, group_id, "
            + "epoch_us(ts), epoch_us(received_at), channel, source, context, properties, traits";

    private final DuckDbEventStore store;
    private final PersonMapRefresher persons;
    private final EventColumnsCache columns;
    private final StageRules stageRules;
    /** The churn scores of {@link #churnVersion}: a BG/NBD fit takes seconds on big stores, so profiles reuse it. */
    private ChurnScores churn;
    private long churnVersion = -1;
    /** The recommendation model of {@link #recommendationVersion}: it folds every person, so requests share it. */
    private RecommendationModel recommendation;
    private long recommendationVersion = -1;
    private final SegmentEngine segments;

    public DuckDbQueryEngine(DuckDbEventStore store) {
        this(store, null, Clock.systemUTC());
    }

    public DuckDbQueryEngine(DuckDbEventStore store, StageRules stageRules) {
        this(store, stageRules, Clock.systemUTC());
    }

    /**
     * @param stageRules the journey stages of specs that give none (a data directory's stages.json); null for the bundled defaults
     * @param clock "now" of segment rules with relative windows
     */
    public DuckDbQueryEngine(DuckDbEventStore store, StageRules stageRules, Clock clock) {
        this.store = store;
        this.stageRules = stageRules;
        this.persons = store.personMap();
        this.columns = new EventColumnsCache(store, persons);
        this.segments = new SegmentEngine(store, columns, this::churnScores, stageRules, clock);
    }

    /** Saved segments: their repository and membership refreshes. */
    public SegmentEngine segments() {
        return segments;
    }

    public Object run(QuerySpec spec) {
        if (spec instanceof SegmentSpec s) {
            return segments.preview(s);
        }
        if (spec instanceof ExperimentSpec s) {
            return experiment(s);
        }
        if (spec instanceof RecommendationsSpec s) {
            return recommendations(s);
        }
        if (spec instanceof StagesSpec s) {
            return analyse(s.withDefaultRules(stageRules));
        }
        if (spec instanceof AnalysisSpec a) {
            return analyse(a);
        }
        persons.refresh();
        try (Connection c = store.newConnection()) {
            if (spec instanceof SummarySpec s) {
                return summary(c, s, s.segment() == null ? null : segments.memberIds(s.segment(), s.range().to()));
            }
            if (spec instanceof ProfileSpec p) {
                return profile(c, p, this::churnScores);
            }
            if (spec instanceof PersonSearchSpec p) {
                return PersonSearch.run(c, p);
            }
            throw new WaymarkException(ErrorCode.INVALID_FIELD, "kind", "the embedded store cannot run kind '" + spec.kind() + "'");
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "query failed: " + e.getMessage(), e);
        }
    }

    /** Everything held about one person, as JSON (see {@link PersonExport}); NOT_FOUND naming the field when no one matches. */
    public ObjectNode export(ProfileSpec.Lookup by, String id) {
        persons.refresh();
        try (Connection c = store.newConnection()) {
            c.setAutoCommit(false); // one snapshot for the profile and the rows
            try {
                PersonIdentities person = PersonLookup.find(c, by, id);
                ProfileResult profile = profile(c, new ProfileSpec(ProfileSpec.Lookup.PERSON_ID, person.personId(), 1), this::churnScores);
                return PersonExport.export(c, person, profile);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "export failed: " + e.getMessage(), e);
        }
    }

    /** A saved experiment's analysis on the cached event columns, with {@code stats} like the other kinds. */
    private ObjectNode experiment(ExperimentSpec spec) {
        long started = System.nanoTime();
        if (spec.summaries() != null) {
            return Json.MAPPER.valueToTree(io.waymark.core.stats.ExperimentStatistics.analyze(spec.summaries()));
        }
        var saved = new ExperimentRepository(store).get(spec.experiment());
        var report = columns.with(c -> ExperimentAnalysis.run(saved.experiment(), spec, c, segments.members(spec.segment(), null, c)));
        ObjectNode out = Json.MAPPER.valueToTree(report);
        out.put("status", saved.status().name().toLowerCase(java.util.Locale.ROOT));
        out.putObject("stats").put("elapsedMs", (System.nanoTime() - started) / 1_000_000);
        return out;
    }

    /**
     * One person's recommendations from the cached model. An identity nobody has seen gets the popular items (a shop
     * page or an email asks for anyone); the columns may be newer than the model, which only makes it a little stale.
     */
    private RecommendationsResult recommendations(RecommendationsSpec spec) {
        persons.refresh();
        String personId;
        try (Connection c = store.newConnection()) {
            personId = PersonLookup.find(c, spec.by(), spec.id()).personId();
        } catch (WaymarkException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            personId = null;
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "person lookup failed: " + e.getMessage(), e);
        }
        RecommendationModel model = recommendationModel();
        String id = personId;
        return columns.with(c -> {
            Recommender r = new Recommender(model, c);
            return r.recommend(r.person(id), spec.n(), spec.excludePurchased(), segments.members(spec.segment(), null, c));
        });
    }

    /** The recommendation model of the current data, rebuilt only when the store's version moved. */
    private synchronized RecommendationModel recommendationModel() {
        long version = store.version();
        if (recommendation == null || recommendationVersion != version) {
            recommendation = columns.with(RecommendationModel::build);
            recommendationVersion = version;
        }
        return recommendation;
    }

    /** Runs a kernel over the cached event columns and adds {@code stats} (elapsed time, events scanned) to its result. */
    private ObjectNode analyse(AnalysisSpec spec) {
        long started = System.nanoTime();
        List<SpendEntry> spend = spec.usesSpend() ? new SpendRepository(store).all() : List.of();
        Analyses.Answer answer = columns.with(c -> Analyses.run(spec, c, spend, segments.members(spec.scope(), c)));
        ObjectNode out = Json.MAPPER.valueToTree(answer.result());
        ObjectNode stats = out.putObject("stats");
        stats.put("elapsedMs", (System.nanoTime() - started) / 1_000_000);
        stats.put("events", answer.events());
        return out;
    }

    /** @param members the person ids of the spec's segment, or null for everybody */
    private static SummaryResult summary(Connection c, SummarySpec spec, List<String> members) throws SQLException {
        String table = "events";
        String persons = "";
        if (members != null) {
            AtomicAppend.execute(c, "CREATE OR REPLACE TEMP TABLE summary_persons (person_id VARCHAR)");
            try (var a = ((org.duckdb.DuckDBConnection) c).createAppender("temp", "main", "summary_persons")) {
                for (String id : members) {
                    a.beginRow();
                    a.append(id);
                    a.endRow();
                }
            }
            table = "events_resolved";
            persons = " AND person_id IN (SELECT person_id FROM temp.main.summary_persons)";
        }
        long events;
        long personCount;
        Long first = null;
        Long last = null;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*), count(DISTINCT person_id), epoch_us(min(ts)), epoch_us(max(ts)) FROM events_resolved WHERE" + RANGE + persons)) {
            bindRange(ps, spec.range(), 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                events = rs.getLong(1);
                personCount = rs.getLong(2);
                first = (Long) rs.getObject(3, Long.class);
                last = (Long) rs.getObject(4, Long.class);
            }
        }
        return new SummaryResult(events, personCount,
                countBy(c, table, "type", "TRUE" + persons, spec.range()),
                countBy(c, table, "channel", "TRUE" + persons, spec.range()),
                countBy(c, table, "name", "type = 'track'" + persons, spec.range()),
                first == null ? null : DuckDbEventStore.instant(first),
                last == null ? null : DuckDbEventStore.instant(last));
    }

    /** Counts by {@code column}; {@code table} and {@code where} are constants of this class, never user input. */
    private static Map<String, Long> countBy(Connection c, String table, String column, String where, TimeRange range) throws SQLException {
        var out = new LinkedHashMap<String, Long>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + column + ", count(*) AS n FROM " + table + " WHERE " + where + " AND" + RANGE
                + "GROUP BY 1 ORDER BY n DESC, 1")) {
            bindRange(ps, range, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    private static void bindRange(PreparedStatement ps, TimeRange range, int at) throws SQLException {
        Long from = range.from() == null ? null : DuckDbEventStore.micros(range.from());
        Long to = range.to() == null ? null : DuckDbEventStore.micros(range.to());
        ps.setObject(at, from);
        ps.setObject(at + 1, from);
        ps.setObject(at + 2, to);
        ps.setObject(at + 3, to);
    }

    /** The churn scores of the current data, refitted only when the store's version moved. */
    private synchronized ChurnScores churnScores() {
        long version = store.version();
        if (churn == null || churnVersion != version) {
            try {
                churn = columns.with(ChurnScores::fit);
            } catch (RuntimeException e) {
                // a profile lookup never fails because of the churn model: no fit means no scores
                churn = ChurnScores.none();
            }
            churnVersion = version;
        }
        return churn;
    }

    private static ProfileResult profile(Connection c, ProfileSpec spec, java.util.function.Supplier<ChurnScores> churn) throws SQLException {
        PersonIdentities person = PersonLookup.find(c, spec.by(), spec.id());
        String personId = person.personId();
        ObjectNode traits = Json.MAPPER.createObjectNode();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT traits FROM events_resolved WHERE person_id = ? AND traits <> '{}' ORDER BY ts, message_id")) {
            ps.setString(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    traits.setAll(object(rs.getString(1)));
                }
            }
        }
        var byChannel = new LinkedHashMap<String, Long>();
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT channel, count(*) AS n FROM events_resolved WHERE person_id = ? GROUP BY 1 ORDER BY n DESC, 1")) {
            ps.setString(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byChannel.put(rs.getString(1), rs.getLong(2));
                    total += rs.getLong(2);
                }
            }
        }
        ChurnScores.Score score = churn.get().of(personId);
        List<Event> timeline = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + EVENT_COLUMNS
                + " FROM events_resolved WHERE person_id = ? ORDER BY ts, message_id LIMIT ?")) {
            ps.setString(1, personId);
            ps.setInt(2, spec.limit());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    timeline.add(event(rs));
                }
            }
        }
        return new ProfileResult(personId, person.userIds(), person.anonymousIds(), traits,
                timeline.isEmpty() ? null : timeline.get(0).timestamp(),
                lastSeen(c, personId), total, byChannel, timeline, total > timeline.size(),
                score == null ? null : score.pAlive(), score == null ? null : score.churnRisk(),
                score == null ? null : score.expectedPurchases365d(), SegmentRepository.memberships(c, personId));
    }

    private static java.time.Instant lastSeen(Connection c, String personId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT epoch_us(max(ts)) FROM events_resolved WHERE person_id = ?")) {
            ps.setString(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Long v = rs.getObject(1, Long.class);
                return v == null ? null : DuckDbEventStore.instant(v);
            }
        }
    }

    /** Reads an event row selected with {@link #EVENT_COLUMNS}. */
    static Event event(ResultSet rs) throws SQLException {
        return new Event(rs.getString(1), EventType.fromWire(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), DuckDbEventStore.instant(rs.getLong(8)),
                DuckDbEventStore.instant(rs.getLong(9)), Channel.fromWire(rs.getString(10)), rs.getString(11),
                object(rs.getString(12)), object(rs.getString(13)), object(rs.getString(14)));
    }

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new WaymarkException(ErrorCode.INTERNAL, "corrupt JSON in store: " + e.getOriginalMessage());
        }
    }
}

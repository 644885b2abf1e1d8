package io.waymark.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.kernel.ChurnScores;
import io.waymark.core.kernel.EventColumns;
import io.waymark.core.kernel.PersonSet;
import io.waymark.core.kernel.SegmentContext;
import io.waymark.core.kernel.SegmentEvaluator;
import io.waymark.core.kernel.SegmentResult;
import io.waymark.core.query.Scope;
import io.waymark.core.query.SegmentDefinition;
import io.waymark.core.query.SegmentRef;
import io.waymark.core.query.SegmentRule;
import io.waymark.core.query.SegmentRuleParser;
import io.waymark.core.query.SegmentSpec;
import io.waymark.core.query.StageRules;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Segments on the embedded store: resolves a spec's {@code segment} (saved id or inline rules) to its members on
 * the cached event columns, previews rules ({@code kind: segment}) and refreshes the membership tables of saved
 * segments. Rules are always evaluated live on the current data; the membership tables are what profiles,
 * transitions and later triggers read.
 */
public final class SegmentEngine {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SegmentEngine.class);
    private final EventColumnsCache columns;
    private final Supplier<ChurnScores> churn;
    private final StageRules stages;
    private final Clock clock;
    private final SegmentRepository repository;
    private final DuckDbEventStore store;

    SegmentEngine(DuckDbEventStore store, EventColumnsCache columns, Supplier<ChurnScores> churn, StageRules stages, Clock clock) {
        this.store = store;
        this.columns = columns;
        this.churn = churn;
        this.stages = stages;
        this.clock = clock;
        this.repository = new SegmentRepository(store);
    }

    /** What a membership refresh changed. */
    public record Refresh(String segment, long members, long entered, long exited, Instant asOf) {
    }

    public SegmentRepository repository() {
        return repository;
    }

    /**
     * The members of the scope's segment, or null when the scope has none. Relative windows in the rules end at the
     * analysis's {@code to} when it has one (a March report sees who was active in the last week of March), else now.
     */
    PersonSet members(Scope scope, EventColumns c) {
        return members(scope.segment(), scope.range().to(), c);
    }

    /** The members of {@code ref} (null: everybody, so null) as of {@code asOf} (null: now). */
    PersonSet members(SegmentRef ref, Instant asOf, EventColumns c) {
        if (ref == null) {
            return null;
        }
        return SegmentEvaluator.evaluate(rules(ref), c, context(asOf != null ? asOf : clock.instant()));
    }

    /** The size of a segment and a sample of members with their identities. */
    ObjectNode preview(SegmentSpec spec) {
        SegmentRule rules = rules(spec.segment());
        Instant asOf = spec.asOf() != null ? spec.asOf() : clock.instant();
        SegmentResult result = columns.with(c -> SegmentEvaluator.preview(rules, c, context(asOf), spec.sample()));
        ObjectNode out = Json.MAPPER.valueToTree(result);
        out.set("sample", identities(result.sample()));
        return out;
    }

    /**
     * Saves a new segment and fills its membership table. Rules that parse but cannot be evaluated on this store (an
     * unknown stage name) are refused before anything is saved.
     */
    public SavedSegment create(SegmentDefinition d) {
        checkEvaluates(d);
        repository.create(d.id(), d.name(), d.description(), d.rules(), d.timezone(), clock.instant());
        refresh(d.id());
        return repository.get(d.id());
    }

    /** Replaces a segment's definition and refreshes its members (entries and exits are recorded). */
    public SavedSegment update(SegmentDefinition d) {
        checkEvaluates(d);
        repository.update(d.id(), d.name(), d.description(), d.rules(), d.timezone(), clock.instant());
        refresh(d.id());
        return repository.get(d.id());
    }

    private void checkEvaluates(SegmentDefinition d) {
        SegmentRule rules = validate(d.rules(), "rules", d.timezone());
        columns.with(c -> SegmentEvaluator.evaluate(rules, c, context(clock.instant())));
    }

    /** Checks that {@code rules} (JSON) are valid and returns them parsed; errors name {@code field}. */
    public static SegmentRule validate(com.fasterxml.jackson.databind.JsonNode rules, String field, String timezone) {
        return SegmentRuleParser.parse(rules, field, zone(timezone));
    }

    /**
     * Re-evaluates saved segment {@code id} as of now and replaces its members. Refreshes run one at a time, so two of
     * one segment never interleave their evaluation and their write.
     */
    public synchronized Refresh refresh(String id) {
        SavedSegment saved = repository.get(id);
        Instant asOf = clock.instant();
        List<String> ids = memberIds(validate(saved.rules(), "rules", saved.timezone()), asOf);
        long[] changes = repository.replaceMembers(id, ids, asOf);
        return new Refresh(id, ids.size(), changes[0], changes[1], asOf);
    }

    /** The person ids of the members of {@code ref} as of {@code asOf} (null: now). */
    List<String> memberIds(SegmentRef ref, Instant asOf) {
        return memberIds(rules(ref), asOf != null ? asOf : clock.instant());
    }

    /** The ids of the persons who meet {@code rules} as of {@code asOf}: one evaluation over everybody (journey branches). */
    public java.util.Set<String> members(SegmentRule rules, Instant asOf) {
        return new java.util.HashSet<>(memberIds(rules, asOf));
    }

    private List<String> memberIds(SegmentRule rules, Instant asOf) {
        return columns.with(c -> {
            PersonSet set = SegmentEvaluator.evaluate(rules, c, context(asOf));
            List<String> out = new ArrayList<>(set.size());
            for (int p = 0; p < c.persons(); p++) {
                if (set.contains(p)) {
                    out.add(c.personId(p));
                }
            }
            return out;
        });
    }

    /** Refreshes every saved segment; one that fails (e.g. its stage was renamed in stages.json) is logged and skipped. */
    public List<Refresh> refreshAll() {
        List<Refresh> out = new ArrayList<>();
        for (SavedSegment s : repository.list()) {
            try {
                out.add(refresh(s.id()));
            } catch (WaymarkException e) {
                LOG.warn("segment {} not refreshed: {}", s.id(), e.getMessage());
            }
        }
        return out;
    }

    private SegmentRule rules(SegmentRef ref) {
        if (ref.rules() != null) {
            return ref.rules();
        }
        SavedSegment saved = repository.get(ref.id());
        return validate(saved.rules(), "segment", saved.timezone());
    }

    private SegmentContext context(Instant asOf) {
        return new SegmentContext(asOf, stages, churn);
    }

    private static ZoneId zone(String timezone) {
        return timezone == null ? java.time.ZoneOffset.UTC : ZoneId.of(timezone);
    }

    /** {personId, userIds, anonymousIds} of each sampled person, ordered by their first identity for a stable read. */
    private ArrayNode identities(List<String> personIds) {
        record Person(String personId, List<String> userIds, List<String> anonymousIds) {
            String first() {
                return !userIds.isEmpty() ? "0" + userIds.get(0) : anonymousIds.isEmpty() ? "2" + personId : "1" + anonymousIds.get(0);
            }
        }
        java.util.Map<String, Person> byId = new java.util.LinkedHashMap<>();
        personIds.forEach(id -> byId.put(id, new Person(id, new ArrayList<>(), new ArrayList<>())));
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT person_id, is_user, identity FROM person_map WHERE list_contains(?, person_id) ORDER BY identity")) {
            ps.setArray(1, c.createArrayOf("VARCHAR", personIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Person p = byId.get(rs.getString(1));
                    (rs.getBoolean(2) ? p.userIds() : p.anonymousIds()).add(rs.getString(3));
                }
            }
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot read identities: " + e.getMessage(), e);
        }
        List<Person> persons = new ArrayList<>(byId.values());
        persons.sort(Comparator.comparing(Person::first));
        return Json.MAPPER.valueToTree(persons);
    }
}

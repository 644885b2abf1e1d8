package io.waymark.core.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.error.WaymarkException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Validates the JSON form of a {@link SegmentRule}; each object has exactly one of these shapes:
 * <pre>
 * {"all":[rule…]}  {"any":[rule…]}  {"not":rule}
 * {"trait":"plan","op":"eq","value":"pro"}
 * {"fact":"churn_risk","op":"gte","value":0.7}
 * {"event":"add_to_cart","where":[filter…],"within":"7d","from":…,"to":…,"since":"add_to_cart","count":{"gte":1}}
 * {"event":"purchase","sum":"revenue","within":"90d","total":{"gte":100}}
 * {"funnel":{"steps":[…],"window":"7d","mode":"ordered"},"droppedAt":2,"within":"30d"}
 * {"persona":{"k":5,"features":[…]},"is":2}
 * </pre>
 * Errors name the field by its JSON path, e.g. {@code segment.all[1].count.gte}.
 */
public final class SegmentRuleParser {
    /** Bounds that keep compiling and evaluating a rule cheap for every person. */
    public static final int MAX_DEPTH = 16;
    public static final int MAX_CONDITIONS = 100;
    private static final Set<String> SHAPES = Set.of("all", "any", "not", "trait", "fact", "event", "funnel", "persona");

    private final ZoneId zone;
    private int conditions;

    private SegmentRuleParser(ZoneId zone) {
        this.zone = zone;
    }

    /** @param zone the time zone of date-only bounds ({@code from}/{@code to}, date facts) */
    public static SegmentRule parse(JsonNode node, String path, ZoneId zone) {
        return new SegmentRuleParser(zone).rule(new SpecReader(node, path), 1);
    }

    private SegmentRule rule(SpecReader r, int depth) {
        if (depth > MAX_DEPTH) {
            throw WaymarkException.invalid(r.path(), "rules may nest at most " + MAX_DEPTH + " levels deep");
        }
        String shape = null;
        for (Iterator<String> it = r.node().fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (SHAPES.contains(f)) {
                if (shape != null) {
                    throw WaymarkException.invalid(r.name(f), "a rule has exactly one of all, any, not, trait, fact, event, funnel, persona; found '"
                            + shape + "' and '" + f + "'");
                }
                shape = f;
            }
        }
        if (shape == null) {
            throw WaymarkException.invalid(r.path(),
                    "a rule needs one of all, any, not, trait, fact, event, funnel, persona");
        }
        if (!shape.equals("all") && !shape.equals("any") && !shape.equals("not") && ++conditions > MAX_CONDITIONS) {
            throw WaymarkException.invalid(r.name(shape), "a segment may have at most " + MAX_CONDITIONS + " conditions");
        }
        return switch (shape) {
            case "all", "any" -> {
                r.allowOnly(false, shape);
                List<SpecReader> items = r.objects(shape);
                if (items.isEmpty()) {
                    throw WaymarkException.invalid(r.name(shape), "'" + r.name(shape) + "' must list at least one rule");
                }
                List<SegmentRule> rules = new ArrayList<>();
                for (SpecReader item : items) {
                    rules.add(rule(item, depth + 1));
                }
                yield shape.equals("all") ? new SegmentRule.All(rules) : new SegmentRule.Any(rules);
            }
            case "not" -> {
                r.allowOnly(false, "not");
                yield new SegmentRule.Not(rule(required(r, "not"), depth + 1));
            }
            case "trait" -> {
                r.allowOnly(false, "trait", "op", "value");
                String name = r.string("trait");
                yield new SegmentRule.Trait(name, r.condition(FieldPath.parse("traits." + name, r.name("trait"))));
            }
            case "fact" -> fact(r);
            case "event" -> behavior(r);
            case "persona" -> persona(r);
            default -> funnel(r);
        };
    }

    private SegmentRule fact(SpecReader r) {
        r.allowOnly(false, "fact", "op", "value");
        PersonFact fact = r.choice("fact", PersonFact.class, null);
        Filter.Op op = r.choice("op", Filter.Op.class, Filter.Op.EQ);
        JsonNode v = r.node().get("value");
        String field = r.name("value");
        List<String> values = new ArrayList<>();
        double number = Double.NaN;
        boolean ordered = op == Filter.Op.GT || op == Filter.Op.GTE || op == Filter.Op.LT || op == Filter.Op.LTE;
        if (op == Filter.Op.EXISTS || op == Filter.Op.NOT_EXISTS) {
            if (v != null && !v.isNull()) {
                throw WaymarkException.invalid(field, "'" + SpecReader.wire(op) + "' takes no value");
            }
            return new SegmentRule.Fact(fact, op, values, number);
        }
        switch (fact.kind()) {
            case NUMBER -> {
                if (op == Filter.Op.CONTAINS) {
                    throw WaymarkException.invalid(r.name("op"), "'contains' applies to text facts, not '" + SpecReader.wire(fact) + "'");
                }
                for (JsonNode item : items(v, op, field)) {
                    if (!item.isNumber()) {
                        throw WaymarkException.invalid(field, "'" + SpecReader.wire(fact) + "' is a number; '" + field + "' must be a number");
                    }
                    values.add(item.numberValue().toString());
                    number = item.asDouble();
                }
            }
            case DATE -> {
                if (!ordered) {
                    throw WaymarkException.invalid(r.name("op"), "'" + SpecReader.wire(fact) + "' is a date: use gt, gte, lt, lte, exists or not_exists");
                }
                Instant at = QuerySpecParser.instant(r.node(), "value", r.name(""), zone);
                if (at == null) {
                    throw WaymarkException.missing(field);
                }
                number = at.getEpochSecond() * 1_000_000.0 + at.getNano() / 1000;
            }
            default -> {
                if (ordered && fact.kind() == PersonFact.Kind.TEXT) {
                    throw WaymarkException.invalid(r.name("op"), "'" + SpecReader.wire(fact) + "' is text: use eq, neq, in, contains, exists or not_exists");
                }
                for (JsonNode item : items(v, op, field)) {
                    values.add(SpecReader.scalar(item, field));
                }
            }
        }
        return new SegmentRule.Fact(fact, op, values, number);
    }

    private static List<JsonNode> items(JsonNode v, Filter.Op op, String field) {
        if (v == null || v.isNull()) {
            throw WaymarkException.missing(field);
        }
        List<JsonNode> out = new ArrayList<>();
        if (op == Filter.Op.IN) {
            if (!v.isArray() || v.isEmpty()) {
                throw WaymarkException.invalid(field, "'in' needs a non-empty array of values");
            }
            v.forEach(out::add);
        } else {
            out.add(v);
        }
        return out;
    }

    private SegmentRule behavior(SpecReader r) {
        r.allowOnly(false, "event", "where", "within", "from", "to", "since", "count", "sum", "total");
        FieldPath sum = r.field("sum");
        SegmentRule.Bounds bounds;
        if (sum == null) {
            if (r.has("total")) {
                throw WaymarkException.invalid(r.name("total"), "'total' bounds a 'sum'; give 'sum' or use 'count'");
            }
            bounds = r.has("count") ? bounds(r.object("count")) : SegmentRule.Bounds.AT_LEAST_ONE;
        } else {
            if (r.has("count")) {
                throw WaymarkException.invalid(r.name("count"), "give either 'count' or 'sum' with 'total', not both");
            }
            if (!r.has("total")) {
                throw WaymarkException.missing(r.name("total"));
            }
            bounds = bounds(r.object("total"));
        }
        return new SegmentRule.Behavior(r.string("event"), r.filters("where"), window(r), sum, bounds);
    }

    private static SegmentRule persona(SpecReader r) {
        r.allowOnly(false, "persona", "is");
        PersonasSpec spec = PersonasSpec.parse(required(r, "persona"));
        if (spec.scope().segment() != null) {
            throw WaymarkException.invalid(r.name("persona") + ".segment", "a persona rule clusters everybody; a segment inside it is not allowed");
        }
        if (!r.has("is")) {
            throw WaymarkException.missing(r.name("is"));
        }
        int max = spec.k() == null ? PersonasSpec.MAX_AUTO_K : spec.k();
        return new SegmentRule.Persona(spec, r.integer("is", 0, max - 1, 0));
    }

    private SegmentRule funnel(SpecReader r) {
        r.allowOnly(false, "funnel", "droppedAt", "within", "from", "to", "since");
        SpecReader f = required(r, "funnel");
        FunnelSpec spec = FunnelSpec.parse(funnelOnly(f));
        if (!r.has("droppedAt")) {
            throw WaymarkException.missing(r.name("droppedAt"));
        }
        int droppedAt = r.integer("droppedAt", 2, spec.steps().size(), 2);
        return new SegmentRule.FunnelDropOff(spec.steps(), spec.window(), spec.mode(), droppedAt, window(r));
    }

    /** The object at {@code field}, which the rule's shape requires (null is missing, not a crash). */
    private static SpecReader required(SpecReader r, String field) {
        SpecReader o = r.object(field);
        if (o == null) {
            throw WaymarkException.missing(r.name(field));
        }
        return o;
    }

    private static SpecReader funnelOnly(SpecReader f) {
        return f.allowOnly(false, "steps", "window", "mode");
    }

    private SegmentRule.Window window(SpecReader r) {
        TimeRange range = QuerySpecParser.range(r.node(), r.path(), zone);
        String since = r.optionalString("since", null);
        var within = r.duration("within", null);
        return new SegmentRule.Window(within, range.from(), range.to(), since);
    }

    /** {"gte":1,"lt":5}: every named bound must hold; "eq" fixes both ends. */
    private static SegmentRule.Bounds bounds(SpecReader r) {
        r.allowOnly(false, "eq", "gt", "gte", "lt", "lte");
        if (!r.node().fieldNames().hasNext()) {
            throw WaymarkException.invalid(r.name("gte"), "give at least one of eq, gt, gte, lt, lte");
        }
        double min = Double.NEGATIVE_INFINITY;
        double max = Double.POSITIVE_INFINITY;
        boolean minIn = false;
        boolean maxIn = false;
        for (String op : List.of("eq", "gt", "gte", "lt", "lte")) {
            JsonNode v = r.node().get(op);
            if (v == null || v.isNull()) {
                continue;
            }
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw WaymarkException.invalid(r.name(op), "'" + r.name(op) + "' must be a number");
            }
            double x = v.asDouble();
            // every named bound must hold, so the tighter one wins ({"gt":5,"gte":2} is > 5)
            switch (op) {
                case "eq" -> {
                    min = x;
                    max = x;
                    minIn = true;
                    maxIn = true;
                }
                case "gt", "gte" -> {
                    boolean inclusive = op.equals("gte");
                    if (x > min || (x == min && !inclusive)) {
                        min = x;
                        minIn = inclusive;
                    }
                }
                default -> {
                    boolean inclusive = op.equals("lte");
                    if (x < max || (x == max && !inclusive)) {
                        max = x;
                        maxIn = inclusive;
                    }
                }
            }
        }
        if (r.has("eq") && r.node().size() > 1) {
            throw WaymarkException.invalid(r.name("eq"), "'eq' cannot be combined with other bounds");
        }
        return new SegmentRule.Bounds(min, minIn, max, maxIn);
    }
}

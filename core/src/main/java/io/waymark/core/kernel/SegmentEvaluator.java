package io.waymark.core.kernel;

import io.waymark.core.error.WaymarkException;
import io.waymark.core.query.FieldPath;
import io.waymark.core.query.Filter;
import io.waymark.core.query.FunnelSpec;
import io.waymark.core.query.PersonFact;
import io.waymark.core.query.Scope;
import io.waymark.core.query.SegmentRule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Evaluates a {@link SegmentRule} for every person of an {@link EventColumns}: the rule compiles once into a tree of
 * predicates over a person's rows (filters become per-dictionary-value tables, as in {@link RowCondition}), then
 * partitions of persons are tested in parallel. Only rows before the as-of instant count, and only persons with
 * such a row can be members (nobody is in a segment before they are known).
 */
public final class SegmentEvaluator {
    private static final int PERSONS_PER_PARTITION = 4096;

    private final EventColumns columns;
    private final long asOf;
    private final PersonFacts facts;
    private final List<FunnelKernel> funnels = new ArrayList<>();

    private SegmentEvaluator(EventColumns columns, long asOf, PersonFacts facts) {
        this.columns = columns;
        this.asOf = asOf;
        this.facts = facts;
    }

    /** The persons that meet {@code rule} as of {@code context.asOf()}. */
    public static PersonSet evaluate(SegmentRule rule, EventColumns columns, SegmentContext context) {
        return run(rule, columns, context).members;
    }

    /** The segment's size and a sample of {@code sampleSize} members, as of {@code context.asOf()}. */
    public static SegmentResult preview(SegmentRule rule, EventColumns columns, SegmentContext context, int sampleSize) {
        Evaluated e = run(rule, columns, context);
        return SegmentResult.of(e.members, e.facts, columns, context.asOf(), sampleSize);
    }

    private record Evaluated(PersonSet members, PersonFacts facts) {
    }

    private static Evaluated run(SegmentRule rule, EventColumns columns, SegmentContext context) {
        Set<FieldPath> fields = new HashSet<>();
        Set<PersonFact> used = EnumSet.noneOf(PersonFact.class);
        collect(rule, fields, used);
        columns.prefetch(fields);
        long asOf = KernelRunner.micros(context.asOf());
        PersonFacts facts = new PersonFacts(columns, asOf, context.stages(), context.churn(), used);
        SegmentEvaluator evaluator = new SegmentEvaluator(columns, asOf, facts);
        Node root = evaluator.compile(rule);
        int n = columns.persons();
        boolean[] members = new boolean[n];
        int partitions = (n + PERSONS_PER_PARTITION - 1) / PERSONS_PER_PARTITION;
        IntStream.range(0, partitions).parallel().forEach(part -> {
            Scratch scratch = evaluator.new Scratch();
            for (int p = part * PERSONS_PER_PARTITION, last = Math.min(n, p + PERSONS_PER_PARTITION); p < last; p++) {
                members[p] = facts.seen(p) && root.test(p, scratch);
            }
        });
        return new Evaluated(new PersonSet(members), facts);
    }

    /** The event fields and facts a rule reads, so they are loaded or computed once up front. */
    private static void collect(SegmentRule rule, Set<FieldPath> fields, Set<PersonFact> facts) {
        if (rule instanceof SegmentRule.All a) {
            a.rules().forEach(r -> collect(r, fields, facts));
        } else if (rule instanceof SegmentRule.Any a) {
            a.rules().forEach(r -> collect(r, fields, facts));
        } else if (rule instanceof SegmentRule.Not n) {
            collect(n.rule(), fields, facts);
        } else if (rule instanceof SegmentRule.Trait t) {
            fields.add(t.condition().field());
        } else if (rule instanceof SegmentRule.Fact f) {
            facts.add(f.fact());
            if (f.fact().isSentiment()) {
                fields.add(io.waymark.core.query.FeedbackFields.COMMENT);
            }
        } else if (rule instanceof SegmentRule.Behavior b) {
            b.where().forEach(w -> fields.add(w.field()));
            if (b.sum() != null) {
                fields.add(b.sum());
            }
        } else if (rule instanceof SegmentRule.FunnelDropOff f) {
            f.steps().forEach(s -> s.where().forEach(w -> fields.add(w.field())));
        }
    }

    /** One node of the compiled rule. */
    private interface Node {
        boolean test(int person, Scratch scratch);
    }

    /** Per-thread state: a row view and one matcher per funnel condition. */
    private final class Scratch {
        final PersonEvents view = new PersonEvents(columns);
        final FunnelMatcher[] matchers = new FunnelMatcher[funnels.size()];

        Scratch() {
            for (int i = 0; i < matchers.length; i++) {
                matchers[i] = funnels.get(i).newMatcher();
            }
        }
    }

    private Node compile(SegmentRule rule) {
        if (rule instanceof SegmentRule.All a) {
            Node[] parts = a.rules().stream().map(this::compile).toArray(Node[]::new);
            return (p, s) -> {
                for (Node part : parts) {
                    if (!part.test(p, s)) {
                        return false;
                    }
                }
                return true;
            };
        }
        if (rule instanceof SegmentRule.Any a) {
            Node[] parts = a.rules().stream().map(this::compile).toArray(Node[]::new);
            return (p, s) -> {
                for (Node part : parts) {
                    if (part.test(p, s)) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (rule instanceof SegmentRule.Not n) {
            Node inner = compile(n.rule());
            return (p, s) -> !inner.test(p, s);
        }
        if (rule instanceof SegmentRule.Trait t) {
            return trait(t);
        }
        if (rule instanceof SegmentRule.Fact f) {
            return fact(f);
        }
        if (rule instanceof SegmentRule.Behavior b) {
            return behavior(b);
        }
        if (rule instanceof SegmentRule.Persona p) {
            return persona(p);
        }
        return funnel((SegmentRule.FunnelDropOff) rule);
    }

    /** Clusters once (see {@link Personas}) and tests the person's persona. */
    private Node persona(SegmentRule.Persona rule) {
        PersonaAssignment assignment = Personas.run(rule.personas(), columns).assignment();
        boolean[] member = new boolean[columns.persons()];
        for (int i = 0; i < assignment.persons(); i++) {
            if (assignment.persona(i) == rule.persona()) {
                member[assignment.personIndex(i)] = true;
            }
        }
        return (p, s) -> member[p];
    }

    /** The latest value the person had by the as-of instant: the last row (in time order) that carries the trait. */
    private Node trait(SegmentRule.Trait t) {
        StringColumn column = columns.field(t.condition().field());
        boolean[] matches = column.matching(t.condition()::test);
        boolean missing = t.condition().test(null);
        return (p, s) -> {
            for (int r = facts.end[p] - 1, first = columns.personStart(p); r >= first; r--) {
                int code = column.code(r);
                if (code != StringColumn.MISSING) {
                    return matches[code];
                }
            }
            return missing;
        };
    }

    private Node fact(SegmentRule.Fact f) {
        PersonFact fact = f.fact();
        switch (fact.kind()) {
            case NUMBER, DATE -> {
                java.util.function.DoublePredicate test = numberTest(f.op(), f.values(), f.number());
                return (p, s) -> test.test(facts.number(fact, p));
            }
            case ORDERED_TEXT -> {
                return stage(f);
            }
            default -> {
                Filter test = new Filter(FieldPath.EVENT, f.op(), f.values(), f.number());
                return (p, s) -> test.test(facts.text(fact, p));
            }
        }
    }

    /** {@link Filter}'s semantics on a number, NaN standing for "no value" (so neq and not_exists hold). */
    private static java.util.function.DoublePredicate numberTest(Filter.Op op, List<String> values, double number) {
        double[] any = values.stream().mapToDouble(Double::parseDouble).toArray();
        return switch (op) {
            case EXISTS -> v -> !Double.isNaN(v);
            case NOT_EXISTS -> Double::isNaN;
            case EQ, IN -> v -> java.util.Arrays.stream(any).anyMatch(x -> x == v);
            case NEQ -> v -> java.util.Arrays.stream(any).noneMatch(x -> x == v);
            case GT -> v -> v > number;
            case GTE -> v -> v >= number;
            case LT -> v -> v < number;
            case LTE -> v -> v <= number;
            case CONTAINS -> v -> false;
        };
    }

    /** Stages compare by name (eq, in, …) or by their position in the journey (gt, lt, …). */
    private Node stage(SegmentRule.Fact f) {
        List<String> names = facts.stageRules().stages().stream().map(st -> st.name()).toList();
        for (String v : f.values()) {
            if (!names.contains(v)) {
                throw WaymarkException.invalid("segment", "unknown stage '" + v + "' in a segment rule; stages: " + String.join(", ", names));
            }
        }
        Filter.Op op = f.op();
        if (op == Filter.Op.GT || op == Filter.Op.GTE || op == Filter.Op.LT || op == Filter.Op.LTE) {
            Filter byPosition = new Filter(FieldPath.EVENT, op, List.of(), names.indexOf(f.values().get(0)));
            return (p, s) -> {
                int stage = facts.stage(p);
                return stage >= 0 && byPosition.test(Integer.toString(stage));
            };
        }
        Filter byName = new Filter(FieldPath.EVENT, op, f.values(), Double.NaN);
        return (p, s) -> byName.test(facts.text(PersonFact.STAGE, p));
    }

    private Node behavior(SegmentRule.Behavior b) {
        int code = columns.eventCode(b.event());
        RowCondition where = RowCondition.compile(b.where(), columns);
        StringColumn sum = b.sum() == null ? null : columns.field(b.sum());
        Window window = new Window(b.window());
        SegmentRule.Bounds bounds = b.bounds();
        return (p, s) -> {
            double total = 0;
            if (code >= 0) {
                int end = facts.end[p];
                for (int r = window.firstRow(p); r < end; r++) {
                    if (columns.event(r) != code || !window.contains(columns.micros(r)) || !where.test(r)) {
                        continue;
                    }
                    if (sum == null) {
                        total++;
                    } else {
                        double v = sum.number(r);
                        total += Double.isNaN(v) ? 0 : v;
                    }
                }
            }
            return bounds.test(total);
        };
    }

    private Node funnel(SegmentRule.FunnelDropOff f) {
        int index = funnels.size();
        funnels.add(new FunnelKernel(new FunnelSpec(Scope.ALL, f.steps(), f.funnelWindow(), f.mode(), null, null, 1), columns));
        Window window = new Window(f.window());
        int reached = f.droppedAt() - 1;
        return (p, s) -> {
            PersonEvents view = s.view;
            view.reset(p);
            for (int r = window.firstRow(p), end = facts.end[p]; r < end; r++) {
                if (window.contains(columns.micros(r))) {
                    view.add(r);
                }
            }
            return view.size() > 0 && s.matchers[index].match(view) == reached;
        };
    }

    /** A rule's window made concrete: a time interval before the as-of instant and, with {@code since}, a first row. */
    private final class Window {
        private final long from;
        private final long to;
        private final int sinceCode;
        private final boolean hasSince;

        Window(SegmentRule.Window w) {
            long lo = Long.MIN_VALUE;
            long hi = asOf;
            if (w.within() != null) {
                long seconds = Math.min(w.within().getSeconds(), Long.MAX_VALUE / 1_000_000 / 2);
                lo = Math.max(lo, asOf - seconds * 1_000_000);
            }
            if (w.from() != null) {
                lo = Math.max(lo, KernelRunner.micros(w.from()));
            }
            if (w.to() != null) {
                hi = Math.min(hi, KernelRunner.micros(w.to()));
            }
            this.from = lo;
            this.to = hi;
            this.hasSince = w.since() != null;
            this.sinceCode = hasSince ? columns.eventCode(w.since()) : -1;
        }

        boolean contains(long micros) {
            return micros >= from && micros < to;
        }

        /**
         * The first row that may count: after the person's last {@code since} event before the as-of instant, or
         * past all their rows when they never did it (nothing counts), or their first row without {@code since}.
         */
        int firstRow(int p) {
            int first = columns.personStart(p);
            if (!hasSince) {
                return first;
            }
            int end = facts.end[p];
            if (sinceCode >= 0) {
                for (int r = end - 1; r >= first; r--) {
                    if (columns.event(r) == sinceCode) {
                        return r + 1;
                    }
                }
            }
            return end;
        }
    }
}

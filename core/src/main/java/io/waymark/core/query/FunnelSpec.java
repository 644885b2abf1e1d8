package io.waymark.core.query;

import io.waymark.core.error.WaymarkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code {"kind":"funnel","steps":[{"event":"product_view"},{"event":"add_to_cart","where":[…]}],
 * "window":"7d","mode":"ordered|strict|unordered","breakdown":"channel","dropOffAt":2,"limit":100}}:
 * how many persons reach each step of an ordered sequence of events within a conversion window.
 * The window defaults to 14 days, PostHog's default conversion window.
 */
public record FunnelSpec(Scope scope, List<Step> steps, Duration window, Mode mode, FieldPath breakdown, Integer dropOffAt, int limit)
        implements QuerySpec, AnalysisSpec {
    public static final int MIN_STEPS = 2;
    public static final int MAX_STEPS = 20;
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(14);
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;

    /** One step: an event key ({@code purchase}, {@code $page}) and conditions its event must also meet. */
    public record Step(String event, List<Filter> where) {
        public Step {
            where = List.copyOf(where);
        }
    }

    /** Names as PostHog's funnel order types: sequential, strict, any order. */
    public enum Mode { ORDERED, STRICT, UNORDERED }

    public FunnelSpec {
        steps = List.copyOf(steps);
    }

    @Override
    public String kind() {
        return "funnel";
    }

    @Override
    public Set<FieldPath> fields() {
        Set<FieldPath> out = new HashSet<>();
        if (breakdown != null) {
            out.add(breakdown);
        }
        for (Step s : steps) {
            for (Filter f : s.where()) {
                out.add(f.field());
            }
        }
        return out;
    }

    static FunnelSpec parse(SpecReader r) {
        r.allowOnly(true, "steps", "window", "mode", "breakdown", "dropOffAt", "limit");
        if (!r.has("steps")) {
            throw WaymarkException.missing(r.name("steps"));
        }
        List<Step> steps = new ArrayList<>();
        for (SpecReader s : r.objects("steps")) {
            s.allowOnly(false, "event", "where");
            steps.add(new Step(s.string("event"), s.filters("where")));
        }
        if (steps.size() < MIN_STEPS || steps.size() > MAX_STEPS) {
            throw WaymarkException.invalid(r.name("steps"), "'" + r.name("steps") + "' must list from " + MIN_STEPS + " to " + MAX_STEPS
                    + " steps, not " + steps.size());
        }
        Integer dropOffAt = r.has("dropOffAt") ? r.integer("dropOffAt", 2, steps.size(), 2) : null;
        return new FunnelSpec(r.scope(), steps, r.duration("window", DEFAULT_WINDOW), r.choice("mode", Mode.class, Mode.ORDERED),
                r.field("breakdown"), dropOffAt, r.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT));
    }
}

package io.waymark.core.query;

import java.util.HashSet;
import java.util.Set;

/**
 * {@code {"kind":"trend","event":"purchase","interval":"day|week|month","measure":"events|persons|sum:revenue",
 * "breakdown":"channel","top":10}}: a time series of one event, optionally one series per breakdown value
 * (the {@code top} values by total, the rest summed as {@code $other}).
 */
public record TrendSpec(Scope scope, String event, Period interval, Measure measure, FieldPath breakdown, int top)
        implements QuerySpec, AnalysisSpec {

    /** What each point counts: events, distinct persons, or the sum of a numeric field. */
    public record Measure(Kind kind, FieldPath field) {
        public enum Kind { EVENTS, PERSONS, SUM }
    }

    @Override
    public String kind() {
        return "trend";
    }

    @Override
    public Set<FieldPath> fields() {
        Set<FieldPath> out = new HashSet<>();
        if (breakdown != null) {
            out.add(breakdown);
        }
        if (measure.field() != null) {
            out.add(measure.field());
        }
        return out;
    }

    static TrendSpec parse(SpecReader r) {
        r.allowOnly(true, "event", "interval", "measure", "breakdown", "top");
        String m = r.optionalString("measure", "events");
        Measure measure;
        if (m.equals("events")) {
            measure = new Measure(Measure.Kind.EVENTS, null);
        } else if (m.equals("persons")) {
            measure = new Measure(Measure.Kind.PERSONS, null);
        } else if (m.startsWith("sum:")) {
            measure = new Measure(Measure.Kind.SUM, FieldPath.parse(m.substring(4), r.name("measure")));
        } else {
            throw io.waymark.core.error.WaymarkException.invalid(r.name("measure"),
                    "'measure' must be events, persons or sum:<property>, not '" + m + "'");
        }
        return new TrendSpec(r.scope(), r.string("event"), r.choice("interval", Period.class, Period.DAY), measure,
                r.field("breakdown"), r.integer("top", 1, 100, 10));
    }
}

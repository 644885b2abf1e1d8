package io.waymark.core.experiment;

import io.waymark.core.error.WaymarkException;
import io.waymark.core.query.FieldPath;
import io.waymark.core.query.Filter;
import io.waymark.core.query.FunnelSpec;
import io.waymark.core.query.SpecReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What an experiment measures per person, counted from the person's first exposure on:
 * <ul>
 * <li>{@code {"type":"conversion","event":"purchase","window":"7d"}}: 1 when the event happens within the window, else 0;</li>
 * <li>{@code {"type":"revenue","window":"14d"}}: revenue per person (sum of {@code properties.revenue} of purchases);</li>
 * <li>{@code {"type":"sum","event":"add_to_cart","property":"quantity","window":"7d"}}: a property summed per person;</li>
 * <li>{@code {"type":"count","event":"page_view"}}: events per person;</li>
 * <li>{@code {"type":"retention","event":"purchase","after":"7d","window":"7d"}}: 1 when the event happens in
 *     [exposure + after, exposure + after + window);</li>
 * <li>{@code {"type":"funnel","steps":[…],"window":"1d"}}: 1 when the person completes the funnel (as the funnel kind
 *     counts it) starting at or after exposure.</li>
 * </ul>
 * {@code higherIsBetter} (default true) says which direction is an improvement, for verdicts and guardrails; the
 * window defaults to 14 days. The pre-exposure value (same definition over the window before exposure) is the
 * CUPED covariate.
 */
public record Metric(String name, Type type, String event, List<Filter> where, FieldPath property, List<FunnelSpec.Step> steps,
        Duration after, Duration window, boolean higherIsBetter) {
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(14);

    public enum Type { CONVERSION, REVENUE, SUM, COUNT, RETENTION, FUNNEL }

    public Metric {
        where = List.copyOf(where);
        steps = List.copyOf(steps);
    }

    /** Whether every person's value is 0 or 1 (then Bayesian analysis uses the beta-binomial model). */
    public boolean binary() {
        return type == Type.CONVERSION || type == Type.RETENTION || type == Type.FUNNEL;
    }

    static Metric parse(SpecReader r) {
        r.allowOnly(false, "name", "type", "event", "where", "property", "steps", "after", "window", "higherIsBetter");
        Type type = r.choice("type", Type.class, null);
        String event = null;
        FieldPath property = null;
        List<FunnelSpec.Step> steps = new ArrayList<>();
        switch (type) {
            case REVENUE -> event = r.optionalString("event", "purchase");
            case FUNNEL -> {
                for (SpecReader s : r.objects("steps")) {
                    s.allowOnly(false, "event", "where");
                    steps.add(new FunnelSpec.Step(s.string("event"), s.filters("where")));
                }
                if (steps.size() < FunnelSpec.MIN_STEPS || steps.size() > FunnelSpec.MAX_STEPS) {
                    throw WaymarkException.invalid(r.name("steps"), "'" + r.name("steps") + "' must list from " + FunnelSpec.MIN_STEPS
                            + " to " + FunnelSpec.MAX_STEPS + " steps");
                }
            }
            case SUM -> {
                event = r.string("event");
                property = r.field("property");
                if (property == null) {
                    throw WaymarkException.missing(r.name("property"));
                }
            }
            default -> event = r.string("event");
        }
        if (type != Type.SUM && r.has("property")) {
            throw WaymarkException.invalid(r.name("property"), "'property' belongs to metrics of type sum");
        }
        if (type != Type.FUNNEL && r.has("steps")) {
            throw WaymarkException.invalid(r.name("steps"), "'steps' belongs to metrics of type funnel");
        }
        if (type != Type.RETENTION && r.has("after")) {
            throw WaymarkException.invalid(r.name("after"), "'after' belongs to metrics of type retention");
        }
        Duration after = type == Type.RETENTION ? r.duration("after", Duration.ofDays(7)) : Duration.ZERO;
        String name = r.optionalString("name", type == Type.FUNNEL ? "funnel" : SpecReader.wire(type) + ":" + event);
        return new Metric(name, type, event, r.filters("where"), property, steps, after, r.duration("window", DEFAULT_WINDOW),
                r.bool("higherIsBetter", true));
    }
}

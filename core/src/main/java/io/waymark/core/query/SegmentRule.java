package io.waymark.core.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A typed rule over persons: and/or/not of conditions on traits, computed facts and behaviour. No expression
 * language: {@link SegmentRuleParser} validates the JSON into these records and engines compile them to
 * predicates. Every condition is judged "as of" an instant: only events before it count. Two kinds of rule look at all
 * the data instead, because their models are fitted once: the churn facts (one BG/NBD fit per data version) and
 * persona rules (a clustering of the current data).
 */
public sealed interface SegmentRule permits SegmentRule.All, SegmentRule.Any, SegmentRule.Not, SegmentRule.Trait,
        SegmentRule.Fact, SegmentRule.Behavior, SegmentRule.FunnelDropOff, SegmentRule.Persona {

    /** Every rule holds. */
    record All(List<SegmentRule> rules) implements SegmentRule {
        public All {
            rules = List.copyOf(rules);
        }
    }

    /** At least one rule holds. */
    record Any(List<SegmentRule> rules) implements SegmentRule {
        public Any {
            rules = List.copyOf(rules);
        }
    }

    record Not(SegmentRule rule) implements SegmentRule {
    }

    /**
     * The person's latest value of {@code traits.<name>} (from the most recent event that carries it) meets
     * {@code condition}; a person who never had the trait has the value null.
     */
    record Trait(String name, Filter condition) implements SegmentRule {
    }

    /** A computed fact of the person meets a condition; a person without the fact (e.g. no purchase: no RFM) has null. */
    record Fact(PersonFact fact, Filter.Op op, List<String> values, double number) implements SegmentRule {
        public Fact {
            values = List.copyOf(values);
        }
    }

    /**
     * How often the person did {@code event} (meeting {@code where}) inside {@code window}, or the sum of
     * {@code sum} over those events, lies within {@code bounds}. "did add_to_cart at least once in the last 7 days"
     * is {@code event=add_to_cart, window=within 7d, bounds >= 1}.
     */
    record Behavior(String event, List<Filter> where, Window window, FieldPath sum, Bounds bounds) implements SegmentRule {
        public Behavior {
            where = List.copyOf(where);
        }
    }

    /**
     * The person started the funnel inside {@code window} and their best attempt reached step
     * {@code droppedAt - 1} but not step {@code droppedAt} (1-based), as the funnel kind counts it.
     */
    record FunnelDropOff(List<FunnelSpec.Step> steps, Duration funnelWindow, FunnelSpec.Mode mode, int droppedAt, Window window)
            implements SegmentRule {
        public FunnelDropOff {
            steps = List.copyOf(steps);
        }
    }

    /**
     * The person belongs to persona {@code persona} (its {@code id} in the personas result) of the clustering
     * {@code personas} describes: how a persona is saved as a segment. Clustering is deterministic (seeded), so the same
     * data gives the same personas; evaluating the rule reruns it on the current data.
     */
    record Persona(PersonasSpec personas, int persona) implements SegmentRule {
    }

    /**
     * Which events count: those in the last {@code within} before the as-of instant, and/or in [{@code from},
     * {@code to}), and/or strictly after the person's last {@code since} event (none if they never did it).
     * All parts combine with AND; events at or after the as-of instant never count.
     */
    record Window(Duration within, Instant from, Instant to, String since) {
        public static final Window ALL_TIME = new Window(null, null, null, null);
    }

    /** A numeric range; {@code eq} is a closed range of one point. Bounds that are absent are infinite. */
    record Bounds(double min, boolean minInclusive, double max, boolean maxInclusive) {
        public static final Bounds AT_LEAST_ONE = new Bounds(1, true, Double.POSITIVE_INFINITY, false);

        public boolean test(double v) {
            return (minInclusive ? v >= min : v > min) && (maxInclusive ? v <= max : v < max);
        }
    }
}

package io.waymark.core.query;

import io.waymark.core.error.WaymarkException;
import java.util.Set;

/**
 * {@code {"kind":"paths","start":"<event key>"} or {"kind":"paths","end":"<event key>"}, "depth":5, "top":20}:
 * the most common sequences of event keys after the first {@code start} event of each person (or before and up to
 * the last {@code end} event), and a Sankey of nodes and links.
 *
 * <p>Semantics pinned by the golden cases in {@code cases/paths}:
 * <ul>
 * <li>A person's path starts at their FIRST in-scope {@code start} event (ends at their LAST {@code end} event) and
 *     holds at most {@code depth} event keys, the anchor included; shorter journeys give shorter paths, down to the
 *     anchor alone. Persons without the anchor have no path.
 * <li>Consecutive repeats collapse (A A B → A B), as PostHog's paths do.
 * <li>{@code $identify}, {@code $alias} and {@code $group} calls are not steps of a journey (they record who the
 *     person is, not what they did), so they are left out before collapsing, and cannot be anchors.
 * <li>{@code paths} lists the {@code top} sequences by persons (descending, then the sequences compared key by key,
 *     a prefix first); all other persons form one last entry with sequence {@code ["$other"]}.
 * <li>Sankey: nodes are (step, event key); in {@code start} mode the anchor is step 0, in {@code end} mode it is step
 *     depth-1, so every flow meets in the anchor's column. Walking from the anchor outward, a person keeps real keys
 *     while their path so far is part of some top path, and continues as {@code $other} at each later step; links
 *     count persons between consecutive nodes. Nodes are numbered by step, then key.
 * </ul>
 */
public record PathsSpec(Scope scope, String anchor, Direction direction, int depth, int top) implements QuerySpec, AnalysisSpec {
    /** Whether the anchor is the first ({@code start}) or the last ({@code end}) step of the paths. */
    public enum Direction { START, END }

    /** Event keys of calls that are not journey steps. */
    public static final Set<String> HIDDEN = Set.of("$identify", "$alias", "$group");

    @Override
    public String kind() {
        return "paths";
    }

    @Override
    public Set<FieldPath> fields() {
        return Set.of();
    }

    static PathsSpec parse(SpecReader r) {
        r.allowOnly(true, "start", "end", "depth", "top");
        boolean start = r.has("start");
        if (start == r.has("end")) {
            if (start) {
                throw WaymarkException.invalid(r.name("end"), "give only one of 'start' and 'end'");
            }
            throw WaymarkException.missing(r.name("start"));
        }
        String field = start ? "start" : "end";
        String anchor = r.string(field);
        if (HIDDEN.contains(anchor)) {
            throw WaymarkException.invalid(r.name(field), "'" + field + "' cannot be " + anchor + ": identify, alias and group calls are not path steps");
        }
        return new PathsSpec(r.scope(), anchor, start ? Direction.START : Direction.END,
                r.integer("depth", 2, 10, 5), r.integer("top", 1, 200, 20));
    }
}

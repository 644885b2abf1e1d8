package io.waymark.core.kernel;

import java.util.List;

/**
 * The top paths (then one {@code ["$other"]} entry for all other persons, when any) and a Sankey of the same persons;
 * semantics in {@link io.waymark.core.query.PathsSpec}.
 */
public record PathsResult(String anchor, String direction, int depth, List<Path> paths, List<Node> nodes, List<Link> links) {
    /** Event keys in time order, and the persons whose path it is. */
    public record Path(List<String> sequence, long persons) {
    }

    /** One event key at one step. */
    public record Node(int id, String name, int step) {
    }

    /** Persons moving from node {@code source} to node {@code target} at the next step. */
    public record Link(int source, int target, long value) {
    }
}

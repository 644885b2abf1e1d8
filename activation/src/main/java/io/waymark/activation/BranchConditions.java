package io.waymark.activation;

import io.waymark.core.query.SegmentRule;
import io.waymark.store.SegmentEngine;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Judges a branch's condition (segment rules) for one person. The rules are evaluated once per tick over everybody on
 * the cached event columns and the members kept for the rest of the tick, so many persons at one branch cost one
 * evaluation, not one each.
 */
final class BranchConditions {
    private final SegmentEngine segments;
    private final Map<SegmentRule, Set<String>> members = new HashMap<>();
    private Instant asOf;

    BranchConditions(SegmentEngine segments) {
        this.segments = segments;
    }

    /** Starts a tick: members computed before it are stale. */
    void reset(Instant now) {
        members.clear();
        asOf = now;
    }

    boolean holds(SegmentRule rule, String personId) {
        return members.computeIfAbsent(rule, r -> segments.members(r, asOf)).contains(personId);
    }
}

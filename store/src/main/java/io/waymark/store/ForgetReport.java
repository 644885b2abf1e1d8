package io.waymark.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What forgetting a person removed: rows per table ({@code events}, derived tables, and
 * {@code quarantineLines} added by the collector), and how many identities were tombstoned.
 */
public record ForgetReport(String personId, List<String> userIds, List<String> anonymousIds, Map<String, Long> removed, int tombstones) {
    public ForgetReport {
        removed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(removed));
    }

    public ForgetReport withRemoved(String what, long count) {
        var more = new LinkedHashMap<>(removed);
        more.put(what, count);
        return new ForgetReport(personId, userIds, anonymousIds, more, tombstones);
    }
}

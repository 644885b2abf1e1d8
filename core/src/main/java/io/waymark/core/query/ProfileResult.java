package io.waymark.core.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.event.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A person as Waymark knows them. {@code traits} merges identify traits oldest to newest, so the
 * latest value of each trait wins; {@code timeline} holds the first {@code limit} events, oldest
 * first, and {@code truncated} says whether more exist.
 */
public record ProfileResult(
        String personId,
        List<String> userIds,
        List<String> anonymousIds,
        ObjectNode traits,
        Instant firstSeen,
        Instant lastSeen,
        long events,
        Map<String, Long> eventsByChannel,
        List<Event> timeline,
        boolean truncated) {
}

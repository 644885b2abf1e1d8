package io.waymark.core.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.event.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A person as Waymark knows them. {@code traits} merges identify traits oldest to newest, so the
 * latest value of each trait wins; {@code timeline} holds the first {@code limit} events, oldest
 * first, and {@code truncated} says whether more exist. {@code pAlive}, {@code churnRisk} (1 - pAlive) and
 * {@code expectedPurchases365d} come from a BG/NBD fit over all customers (see the {@code clv} kind); they are
 * null when the person has not purchased or the fit is impossible or fails (too few repeat buyers, parameters
 * not identified): a profile lookup never fails because of the fit. {@code churnRisk} is also null for a
 * one-time buyer (no repeat purchase): BG/NBD lets customers drop out only right after a repeat purchase, so
 * their {@code pAlive} is 1 by construction, which is no evidence that they are active. {@code segments} lists the
 * ids of the saved segments the person belongs to (from the store's {@code segment_members} table, empty until
 * segments exist).
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
        boolean truncated,
        Double pAlive,
        Double churnRisk,
        Double expectedPurchases365d,
        List<String> segments) {
}

package io.waymark.core.query;

import java.time.Instant;
import java.util.Map;

public record SummaryResult(
        long events,
        long persons,
        Map<String, Long> byType,
        Map<String, Long> byChannel,
        Map<String, Long> byEvent,
        Instant first,
        Instant last) {
}

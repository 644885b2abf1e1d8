package io.waymark.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A saved segment: its rules as the user wrote them (validated on save), the time zone of date-only values in
 * them, and the state of its membership table ({@code refreshedAt}, {@code members}: null before the first refresh).
 */
public record SavedSegment(String id, String name, String description, JsonNode rules, String timezone,
        Instant createdAt, Instant updatedAt, Instant refreshedAt, Long members) {
}

package io.waymark.core.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One touchpoint, normalised from the Segment spec. {@code timestamp} is when it happened (UTC,
 * already corrected for client clock skew); {@code receivedAt} when Waymark accepted it.
 * {@code name} is the track event name, or the page/screen name (may be null for those).
 * The JSON objects are owned by the event and must not be changed after construction.
 */
public record Event(
        String messageId,
        EventType type,
        String name,
        String anonymousId,
        String userId,
        String previousId,
        String groupId,
        Instant timestamp,
        Instant receivedAt,
        Channel channel,
        String source,
        ObjectNode context,
        ObjectNode properties,
        ObjectNode traits) {

    public Event {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(traits, "traits");
        if (userId == null && anonymousId == null) {
            throw new IllegalArgumentException("an event needs a userId or an anonymousId");
        }
    }

    /** {@code properties.revenue} when it is a number, else null. */
    public Double revenue() {
        var r = properties.get("revenue");
        return r != null && r.isNumber() ? r.asDouble() : null;
    }
}

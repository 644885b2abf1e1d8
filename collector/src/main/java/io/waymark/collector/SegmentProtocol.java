package io.waymark.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.Channel;
import io.waymark.core.event.ChannelInference;
import io.waymark.core.event.Event;
import io.waymark.core.event.EventType;
import io.waymark.core.time.IsoInstants;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Turns one Segment-spec message (https://segment.com/docs/connections/spec/common/) into an
 * {@link Event}: checks the required fields of its type, merges the batch-level context that the
 * Java library sends, corrects client clock skew with {@code sentAt} the way Segment does
 * ({@code timestamp = receivedAt - (sentAt - timestamp)}), truncates the IP and decides the channel.
 * Every refusal names the field.
 */
public final class SegmentProtocol {
    /** Segment's own limit per message. */
    public static final int MAX_EVENT_BYTES = 32 * 1024;
    private static final int MAX_ID_LENGTH = 256;
    private static final int NORMALIZATION_ALLOWANCE = 512;

    /** Request-level facts that apply to every message of a call. */
    public record Envelope(String source, ObjectNode batchContext, Instant sentAt, Instant receivedAt, String clientIp) {
    }

    public Event normalize(JsonNode message, EventType routeType, Envelope envelope) {
        if (message == null || !message.isObject()) {
            throw WaymarkException.invalid("$", "a message must be a JSON object");
        }
        EventType type = routeType;
        JsonNode typeNode = message.get("type");
        if (typeNode != null && !typeNode.isNull()) {
            EventType declared = EventType.fromWire(typeNode.asText());
            if (declared == null || !typeNode.isTextual()) {
                throw WaymarkException.invalid("type", "'type' must be one of track, page, screen, identify, group, alias");
            }
            if (routeType != null && declared != routeType) {
                throw WaymarkException.invalid("type", "'type' is '" + declared.wireName() + "' but the endpoint is /v1/" + routeType.wireName());
            }
            type = declared;
        }
        if (type == null) {
            throw WaymarkException.missing("type");
        }
        String userId = id(message, "userId");
        String anonymousId = id(message, "anonymousId");
        if (userId == null && anonymousId == null) {
            throw WaymarkException.missing("userId");
        }
        String name = switch (type) {
            case TRACK -> required(text(message, "event"), "event");
            case PAGE, SCREEN -> text(message, "name");
            default -> null;
        };
        String previousId = type == EventType.ALIAS ? required(id(message, "previousId"), "previousId") : null;
        if (type == EventType.ALIAS && userId == null) {
            throw WaymarkException.missing("userId");
        }
        String groupId = type == EventType.GROUP ? required(id(message, "groupId"), "groupId") : id(message, "groupId");
        ObjectNode context = object(message, "context");
        if (envelope.batchContext() != null) {
            ObjectNode merged = envelope.batchContext().deepCopy();
            merged.setAll(context);
            context = merged;
        }
        ObjectNode properties = object(message, "properties");
        ObjectNode traits = object(message, "traits");
        if (type == EventType.IDENTIFY || type == EventType.GROUP) {
            // analytics.js sends identify traits under context.traits in some versions
            if (traits.isEmpty() && context.path("traits").isObject()) {
                traits = ((ObjectNode) context.get("traits")).deepCopy();
            }
        }
        truncateIp(context, envelope.clientIp());
        String messageId = id(message, "messageId");
        if (messageId == null) {
            messageId = UUID.randomUUID().toString();
        }
        Instant timestamp = timestamp(message, envelope);
        Channel channel = ChannelInference.infer(type, context, properties);
        return new Event(messageId, type, name, anonymousId, userId, previousId, groupId, timestamp,
                envelope.receivedAt(), channel, envelope.source(), context, properties, traits);
    }

    /** Times Waymark stores: years 1 to 9999, as most tools and DuckDB's functions handle them. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static Instant timestamp(JsonNode message, Envelope envelope) {
        Instant t;
        try {
            t = skewCorrected(message, envelope);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw WaymarkException.invalid("timestamp", "'timestamp' and 'sentAt' give a time out of range");
        }
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw WaymarkException.invalid("timestamp", "'timestamp' must be between the years 1 and 9999");
        }
        return t;
    }

    private static Instant skewCorrected(JsonNode message, Envelope envelope) {
        Instant ts = instant(message, "timestamp");
        if (ts == null) {
            ts = instant(message, "originalTimestamp");
        }
        Instant sentAt = instant(message, "sentAt");
        if (sentAt == null) {
            sentAt = envelope.sentAt();
        }
        if (ts == null) {
            return envelope.receivedAt();
        }
        if (sentAt != null) {
            return envelope.receivedAt().minus(Duration.between(ts, sentAt));
        }
        return ts;
    }

    /** Reads an ISO-8601 date-time field with offset; null when absent. */
    public static Instant instant(JsonNode message, String field) {
        JsonNode n = message.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw WaymarkException.invalid(field, "'" + field + "' must be an ISO-8601 date-time string");
        }
        try {
            return IsoInstants.parse(n.asText());
        } catch (DateTimeParseException e) {
            throw WaymarkException.invalid(field, "'" + field + "' is not an ISO-8601 date-time with offset: " + n.asText());
        }
    }

    /** Ids may be strings or numbers (Segment accepts both); they are stored as strings. */
    private static String id(JsonNode message, String field) {
        JsonNode n = message.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!(n.isTextual() || n.isIntegralNumber())) {
            throw WaymarkException.invalid(field, "'" + field + "' must be a string or an integer");
        }
        String s = n.asText();
        if (s.isBlank()) {
            return null;
        }
        if (s.length() > MAX_ID_LENGTH) {
            throw WaymarkException.invalid(field, "'" + field + "' is longer than " + MAX_ID_LENGTH + " characters");
        }
        return s;
    }

    private static String text(JsonNode message, String field) {
        JsonNode n = message.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw WaymarkException.invalid(field, "'" + field + "' must be a string");
        }
        return n.asText().isBlank() ? null : n.asText();
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw WaymarkException.missing(field);
        }
        return value;
    }

    private static ObjectNode object(JsonNode message, String field) {
        JsonNode n = message.get(field);
        if (n == null || n.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!n.isObject()) {
            throw WaymarkException.invalid(field, "'" + field + "' must be a JSON object");
        }
        return (ObjectNode) n;
    }

    /** Keeps the network, drops the host part: the last IPv4 octet, or all but the first 48 bits of IPv6. */
    static void truncateIp(ObjectNode context, String clientIp) {
        String ip = context.path("ip").isTextual() ? context.get("ip").asText() : clientIp;
        if (ip == null || ip.isBlank()) {
            context.remove("ip");
            return;
        }
        String truncated;
        int dot = ip.lastIndexOf('.');
        if (ip.indexOf(':') < 0 && dot > 0) {
            truncated = ip.substring(0, dot) + ".0";
        } else {
            String[] parts = ip.split(":");
            truncated = parts.length >= 3 ? parts[0] + ":" + parts[1] + ":" + parts[2] + "::" : "::";
        }
        context.put("ip", truncated);
    }

    /**
     * Segment's 32 KB limit per message. It is checked on the event as Waymark stores it, which
     * adds a few fields (receivedAt, channel, source) and drops transport ones, hence the allowance.
     */
    public static void checkSize(int bytes) {
        if (bytes > MAX_EVENT_BYTES + NORMALIZATION_ALLOWANCE) {
            throw new WaymarkException(ErrorCode.EVENT_TOO_LARGE, "$", "message is " + bytes + " bytes; the limit is " + MAX_EVENT_BYTES);
        }
    }

}

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

    /**
     * A message's top-level fields by name (null when absent). The tree path reads them from the
     * parsed message; {@link StreamingBatchReader} keeps the scalar ones it met while streaming,
     * so both paths run the same checks below, in the same order, with the same field names.
     */
    @FunctionalInterface
    public interface Fields {
        JsonNode get(String field);
    }

    /** What the required-field checks yield, before the message's JSON objects are looked at. */
    record Identity(EventType type, String name, String anonymousId, String userId, String previousId, String groupId) {
    }

    public Event normalize(JsonNode message, EventType routeType, Envelope envelope) {
        if (message == null || !message.isObject()) {
            throw WaymarkException.invalid("$", "a message must be a JSON object");
        }
        Fields fields = message::get;
        Identity id = identity(fields, routeType);
        EventType type = id.type();
        ObjectNode context = object(message, "context");
        if (envelope.batchContext() != null) {
            ObjectNode merged = envelope.batchContext().deepCopy();
            merged.setAll(context);
            context = merged;
        }
        ObjectNode properties = object(message, "properties");
        ObjectNode traits = object(message, "traits");
        if (usesContextTraits(type)) {
            // analytics.js sends identify traits under context.traits in some versions
            if (traits.isEmpty() && context.path("traits").isObject()) {
                traits = ((ObjectNode) context.get("traits")).deepCopy();
            }
        }
        truncateIp(context, envelope.clientIp());
        String messageId = messageId(fields);
        Instant timestamp = timestamp(fields, envelope);
        Channel channel = ChannelInference.infer(type, context, properties);
        return new Event(messageId, type, id.name(), id.anonymousId(), id.userId(), id.previousId(), id.groupId(), timestamp,
                envelope.receivedAt(), channel, envelope.source(), context, properties, traits);
    }

    /** The type and ids a message must carry, checked in the order the errors are reported. */
    static Identity identity(Fields message, EventType routeType) {
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
        return new Identity(type, name, anonymousId, userId, previousId, groupId);
    }

    /** Identify and group calls take their traits from {@code context.traits} when they have none of their own. */
    static boolean usesContextTraits(EventType type) {
        return type == EventType.IDENTIFY || type == EventType.GROUP;
    }

    /** The message's id, or a random one: Segment clients always send one, hand-written calls may not. */
    static String messageId(Fields message) {
        String messageId = id(message, "messageId");
        return messageId != null ? messageId : UUID.randomUUID().toString();
    }

    /** Times Waymark stores: years 1 to 9999, as most tools and DuckDB's functions handle them. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    static Instant timestamp(Fields message, Envelope envelope) {
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

    private static Instant skewCorrected(Fields message, Envelope envelope) {
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
        return instantValue(message.get(field), field);
    }

    private static Instant instant(Fields message, String field) {
        return instantValue(message.get(field), field);
    }

    /** Reads the value of an ISO-8601 date-time field with offset; null when absent. */
    public static Instant instantValue(JsonNode n, String field) {
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
    private static String id(Fields message, String field) {
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

    private static String text(Fields message, String field) {
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

    static void truncateIp(ObjectNode context, String clientIp) {
        String ip = truncatedIp(context.path("ip").isTextual() ? context.get("ip").asText() : null, clientIp);
        if (ip == null) {
            context.remove("ip");
        } else {
            context.put("ip", ip);
        }
    }

    /**
     * Keeps the network, drops the host part: the last IPv4 octet, or all but the first 48 bits of
     * IPv6. The message's own {@code context.ip} (when it is a string) wins over the caller's
     * address; null when neither is given, and then {@code context.ip} is removed.
     */
    static String truncatedIp(String contextIp, String clientIp) {
        String ip = contextIp != null ? contextIp : clientIp;
        if (ip == null || ip.isBlank()) {
            return null;
        }
        int dot = ip.lastIndexOf('.');
        if (ip.indexOf(':') < 0 && dot > 0) {
            return ip.substring(0, dot) + ".0";
        }
        String[] parts = ip.split(":");
        return parts.length >= 3 ? parts[0] + ":" + parts[1] + ":" + parts[2] + "::" : "::";
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

package io.waymark.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.activation.EventSink;
import io.waymark.collector.Collector;
import io.waymark.collector.IngestResult;
import io.waymark.collector.SegmentProtocol;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.EventType;
import io.waymark.store.JourneyEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The journeys' events go through {@link Collector#ingest} like any client's: durable in the log before the step that
 * caused them is recorded, deduplicated by their messageId when a step is repeated after a crash. Source "journeys".
 */
final class CollectorEventSink implements EventSink {
    static final String SOURCE = "journeys";

    private final Collector collector;
    private final Clock clock;

    CollectorEventSink(Collector collector, Clock clock) {
        this.collector = collector;
        this.clock = clock;
    }

    @Override
    public void track(JourneyEvents.Identities person, String event, Map<String, Object> properties, String messageId, Instant at) {
        ObjectNode m = message(person, messageId, at).put("event", event);
        m.set("properties", Json.MAPPER.valueToTree(properties));
        ingest(m, EventType.TRACK);
    }

    @Override
    public void identify(JourneyEvents.Identities person, Map<String, Object> traits, String messageId, Instant at) {
        ObjectNode m = message(person, messageId, at);
        m.set("traits", Json.MAPPER.valueToTree(traits));
        ingest(m, EventType.IDENTIFY);
    }

    private static ObjectNode message(JourneyEvents.Identities person, String messageId, Instant at) {
        ObjectNode m = Json.MAPPER.createObjectNode().put("messageId", messageId).put("timestamp", at.toString());
        if (!person.userIds().isEmpty()) {
            m.put("userId", person.userIds().get(0));
        }
        if (!person.anonymousIds().isEmpty()) {
            m.put("anonymousId", person.anonymousIds().get(0));
        }
        return m;
    }

    private void ingest(ObjectNode m, EventType type) {
        IngestResult r = collector.ingest(List.of(m), type, new SegmentProtocol.Envelope(SOURCE, null, null, clock.instant(), null));
        if (!r.rejected().isEmpty()) {
            var rej = r.rejected().get(0);
            throw new WaymarkException(ErrorCode.INTERNAL, rej.field(), "journey event refused: " + rej.message());
        }
    }
}

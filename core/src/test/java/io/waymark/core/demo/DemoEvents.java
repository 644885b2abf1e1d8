package io.waymark.core.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.event.ChannelInference;
import io.waymark.core.event.Event;
import io.waymark.core.event.EventType;
import io.waymark.core.kernel.EventColumns;
import io.waymark.core.kernel.EventColumnsBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Demo messages as event columns in memory, for kernel tests that score analyses against the planted truths. */
public final class DemoEvents {
    /** The planted personas, in {@link Persona} order. */
    public static final List<String> PERSONAS = List.of("bargain_hunter", "loyal_regular", "window_shopper", "gift_buyer", "b2b_bulk");

    private DemoEvents() {
    }

    /** The standard sample's columns; person ids are the persons' indexes ("0", "1", …). */
    public static EventColumns standard() {
        return columns(DemoSample.STANDARD);
    }

    /** The planted persona (index into {@link #PERSONAS}) of the standard sample's person with id {@code personId}. */
    public static int planted(String personId) {
        return PERSONAS.indexOf(DemoSample.persona(DemoSample.STANDARD.persons.get(Integer.parseInt(personId))));
    }

    /** The demo messages as events, each person under their index (identity resolution is not what this test is about). */
    static EventColumns columns(DemoSample sample) {
        List<Event> events = new ArrayList<>();
        Map<Event, String> person = new IdentityHashMap<>();
        for (int p = 0; p < sample.persons.size(); p++) {
            for (ObjectNode m : sample.persons.get(p)) {
                Event e = event(m);
                events.add(e);
                person.put(e, Integer.toString(p));
            }
        }
        return EventColumnsBuilder.of(events, person::get);
    }

    private static Event event(ObjectNode m) {
        EventType type = EventType.fromWire(m.get("type").asText());
        ObjectNode context = m.has("context") ? (ObjectNode) m.get("context") : Json.MAPPER.createObjectNode();
        ObjectNode properties = m.has("properties") ? (ObjectNode) m.get("properties") : Json.MAPPER.createObjectNode();
        ObjectNode traits = m.has("traits") ? (ObjectNode) m.get("traits") : Json.MAPPER.createObjectNode();
        String name = type == EventType.TRACK ? m.path("event").asText() : m.path("name").asText(null);
        Instant at = Instant.parse(m.get("timestamp").asText());
        return new Event(m.get("messageId").asText(), type, name, m.path("anonymousId").asText(null), m.path("userId").asText(null),
                null, null, at, at, ChannelInference.infer(type, context, properties), "demo", context, properties, traits);
    }
}

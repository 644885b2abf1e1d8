package io.waymark.core.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.event.Channel;
import io.waymark.core.event.Event;
import io.waymark.core.event.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Compact journey fixtures, PostHog style: {@code person("p1").at("0h", "signup").at("1h", "$page")}.
 * Offsets from {@link #T0} are "30m", "2h", "3d"; event keys starting with $ are pages/screens/identifies.
 */
final class StageJourneys {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final List<Event> events = new ArrayList<>();

    Person person(String id) {
        return new Person(id);
    }

    EventColumns columns() {
        return EventColumnsBuilder.of(events, Event::userId);
    }

    final class Person {
        private final String id;

        private Person(String id) {
            this.id = id;
        }

        Person at(String offset, String event) {
            return at(offset, event, Channel.WEB);
        }

        /** {@code properties} alternate names and values: "survey", "nps", "score", 9. */
        Person at(String offset, String event, Channel channel, Object... properties) {
            ObjectNode props = Json.MAPPER.createObjectNode();
            for (int i = 0; i < properties.length; i += 2) {
                props.set((String) properties[i], Json.MAPPER.valueToTree(properties[i + 1]));
            }
            EventType type = event.startsWith("$") ? EventType.fromWire(event.substring(1)) : EventType.TRACK;
            Instant at = T0.plus(offset(offset));
            events.add(new Event(String.format("m%05d", events.size()), type, type == EventType.TRACK ? event : null, null, id, null, null,
                    at, at, channel, "test", Json.MAPPER.createObjectNode(), props, Json.MAPPER.createObjectNode()));
            return this;
        }
    }

    static Duration offset(String s) {
        long n = Long.parseLong(s.substring(0, s.length() - 1));
        return switch (s.charAt(s.length() - 1)) {
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException(s);
        };
    }
}

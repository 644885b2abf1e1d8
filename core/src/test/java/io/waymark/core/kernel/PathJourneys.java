package io.waymark.core.kernel;

import io.waymark.core.Json;
import io.waymark.core.event.Channel;
import io.waymark.core.event.Event;
import io.waymark.core.event.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Compact journey fixtures in PostHog's style: {@code person("p1").did("signup", 0).did("$page", hours(1))}.
 * Keys starting with {@code $} become page/identify/... calls, others track events; times are offsets from {@link #T0}.
 */
final class PathJourneys {
    /** Monday 2026-03-02, 09:00 UTC. */
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final List<Event> events = new ArrayList<>();
    private int sequence;

    final class Person {
        private final String id;

        private Person(String id) {
            this.id = id;
        }

        Person did(String key, Duration after) {
            EventType type = key.startsWith("$") ? EventType.fromWire(key.substring(1)) : EventType.TRACK;
            Instant at = T0.plus(after);
            events.add(new Event(String.format("m%08d", sequence++), type, type == EventType.TRACK ? key : null, null, id, null,
                    null, at, at, Channel.WEB, "test", Json.MAPPER.createObjectNode(), Json.MAPPER.createObjectNode(),
                    Json.MAPPER.createObjectNode()));
            return this;
        }
    }

    Person person(String id) {
        return new Person(id);
    }

    static Duration hours(long h) {
        return Duration.ofHours(h);
    }

    static Duration days(long d) {
        return Duration.ofDays(d);
    }

    EventColumns columns() {
        return EventColumnsBuilder.of(events, Event::userId);
    }
}

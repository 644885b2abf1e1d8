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
 * Compact journey fixtures in the PostHog style: {@code person("p1").at(T0, "signup").at(T0.plus(1h), "$page")}.
 * MessageIds are numbered in the order events are written (or in reverse, to show that ties do not depend on them).
 */
final class Journeys {
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private final List<Event> events = new ArrayList<>();
    private String person;

    static Duration h(long hours) {
        return Duration.ofHours(hours);
    }

    static Duration d(long days) {
        return Duration.ofDays(days);
    }

    Journeys person(String id) {
        this.person = id;
        return this;
    }

    Journeys at(Duration offset, String event, String... properties) {
        return at(offset, Channel.WEB, event, properties);
    }

    /** {@code event} is a track name, or {@code $page}; properties are key, value pairs. */
    Journeys at(Duration offset, Channel channel, String event, String... properties) {
        ObjectNode props = Json.MAPPER.createObjectNode();
        for (int i = 0; i < properties.length; i += 2) {
            props.put(properties[i], properties[i + 1]);
        }
        boolean page = event.equals(EventKeys.PAGE);
        Instant t = T0.plus(offset);
        events.add(new Event("m" + String.format("%05d", events.size()), page ? EventType.PAGE : EventType.TRACK, page ? null : event,
                null, person, null, null, t, t, channel, "test", Json.MAPPER.createObjectNode(), props, Json.MAPPER.createObjectNode()));
        return this;
    }

    EventColumns columns() {
        return EventColumnsBuilder.of(events, Event::userId);
    }

    /** The same events with messageIds in reverse order, so same-instant events swap their storage order. */
    EventColumns columnsWithReversedIds() {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            out.add(new Event("m" + String.format("%05d", events.size() - i), e.type(), e.name(), e.anonymousId(), e.userId(), null, null,
                    e.timestamp(), e.receivedAt(), e.channel(), e.source(), e.context(), e.properties(), e.traits()));
        }
        return EventColumnsBuilder.of(out, Event::userId);
    }
}

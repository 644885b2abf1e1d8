package io.waymark.core.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.event.Channel;
import io.waymark.core.event.Event;
import io.waymark.core.event.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Compact journey fixtures in PostHog's style: {@code person("p1").page(0, "/home").track(m(5), "add_to_cart")},
 * times in seconds after {@link #T0}. {@link Person#campaign} and {@link Person#channel} apply to the events that follow.
 */
final class SessionJourneys {
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private final List<Event> events = new ArrayList<>();

    static long m(long minutes) {
        return minutes * 60;
    }

    Person person(String id) {
        return new Person(id);
    }

    EventColumns columns() {
        return EventColumnsBuilder.of(events, e -> e.userId() != null ? e.userId() : e.anonymousId());
    }

    final class Person {
        private final String id;
        private String source;
        private Channel channel = Channel.WEB;

        Person(String id) {
            this.id = id;
        }

        Person campaign(String source) {
            this.source = source;
            return this;
        }

        Person channel(Channel channel) {
            this.channel = channel;
            return this;
        }

        Person page(long seconds, String path) {
            ObjectNode ctx = context();
            ctx.putObject("page").put("path", path);
            return add(seconds, EventType.PAGE, null, ctx, Json.MAPPER.createObjectNode());
        }

        Person screen(long seconds, String name) {
            return add(seconds, EventType.SCREEN, name, context(), Json.MAPPER.createObjectNode().put("name", name));
        }

        Person track(long seconds, String event) {
            return add(seconds, EventType.TRACK, event, context(), Json.MAPPER.createObjectNode());
        }

        Person identify(long seconds) {
            return add(seconds, EventType.IDENTIFY, null, context(), Json.MAPPER.createObjectNode());
        }

        private ObjectNode context() {
            ObjectNode ctx = Json.MAPPER.createObjectNode();
            if (source != null) {
                ctx.putObject("campaign").put("source", source);
            }
            return ctx;
        }

        private Person add(long seconds, EventType type, String name, ObjectNode context, ObjectNode properties) {
            Instant at = T0.plusSeconds(seconds);
            events.add(new Event(String.format("%s-%06d", id, events.size()), type, name, id, null, null, null, at, at, channel, "test",
                    context, properties, Json.MAPPER.createObjectNode()));
            return this;
        }
    }
}

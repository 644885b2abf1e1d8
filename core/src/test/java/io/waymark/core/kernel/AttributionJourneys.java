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
 * Journey fixtures for attribution: {@code person("p1").visit(h(0), ADS, "brand").visit(h(24), EMAIL, null).buy(h(25), 80)},
 * times in seconds after {@link #T0}. A visit is a page view on a channel, with a UTM campaign (source and name)
 * when {@code campaign} is not null; a purchase is a web track event with {@code properties.revenue}.
 */
final class AttributionJourneys {
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private final List<Event> events = new ArrayList<>();

    static long h(double hours) {
        return Math.round(hours * 3600);
    }

    static long d(double days) {
        return Math.round(days * 86400);
    }

    Person person(String id) {
        return new Person(id);
    }

    EventColumns columns() {
        return EventColumnsBuilder.of(events, Event::anonymousId);
    }

    final class Person {
        private final String id;

        Person(String id) {
            this.id = id;
        }

        Person visit(long seconds, Channel channel, String campaign) {
            ObjectNode ctx = Json.MAPPER.createObjectNode();
            ctx.putObject("page").put("path", "/");
            if (campaign != null) {
                ctx.putObject("campaign").put("source", campaign).put("name", campaign);
            }
            return add(seconds, EventType.PAGE, null, channel, ctx, Json.MAPPER.createObjectNode());
        }

        Person track(long seconds, String event, Channel channel) {
            return add(seconds, EventType.TRACK, event, channel, Json.MAPPER.createObjectNode(), Json.MAPPER.createObjectNode());
        }

        Person buy(long seconds, double revenue) {
            return add(seconds, EventType.TRACK, "purchase", Channel.WEB, Json.MAPPER.createObjectNode(),
                    Json.MAPPER.createObjectNode().put("revenue", revenue));
        }

        private Person add(long seconds, EventType type, String name, Channel channel, ObjectNode context, ObjectNode properties) {
            Instant at = T0.plusSeconds(seconds);
            events.add(new Event(String.format("%s-%06d", id, events.size()), type, name, id, null, null, null, at, at, channel, "test",
                    context, properties, Json.MAPPER.createObjectNode()));
            return this;
        }
    }
}

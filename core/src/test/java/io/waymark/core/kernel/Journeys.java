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
 * Compact journey fixtures in PostHog's style:
 * {@code person("p1").at(h(0), "signup").page(h(1), "/home").channel(Channel.EMAIL).at(d(2), "email_open")}.
 * Times are offsets from {@link #T0}. {@link #channel} (web by default), {@link #campaign} and {@link #device} (none) apply to
 * the person's events that follow. MessageIds number events in the order written, so same-instant events of a
 * person keep that order ({@link #columnsWithReversedIds()} shows that results do not depend on it).
 */
final class Journeys {
    /** Monday 2026-03-02, 09:00 UTC. */
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final List<Event> events = new ArrayList<>();
    private String person;
    private Channel channel;
    private String campaign;
    private String device;

    static Duration m(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    static Duration h(long hours) {
        return Duration.ofHours(hours);
    }

    static Duration d(long days) {
        return Duration.ofDays(days);
    }

    /** Starts the events of person {@code id} (the userId), on the web channel without a campaign. */
    Journeys person(String id) {
        person = id;
        channel = Channel.WEB;
        campaign = null;
        device = null;
        return this;
    }

    Journeys channel(Channel channel) {
        this.channel = channel;
        return this;
    }

    /** The {@code context.campaign.source} of the following events; null for none. */
    Journeys campaign(String source) {
        this.campaign = source;
        return this;
    }

    /** The {@code context.device.type} of the following events; null for none. */
    Journeys device(String type) {
        this.device = type;
        return this;
    }

    /**
     * An event: a key starting with {@code $} is that call ({@code $page} without a path, {@code $identify}, …),
     * any other key a track event of that name. {@code properties} alternate names and values: "score", 9.
     */
    Journeys at(Duration offset, String key, Object... properties) {
        ObjectNode props = Json.MAPPER.createObjectNode();
        for (int i = 0; i < properties.length; i += 2) {
            props.set((String) properties[i], Json.MAPPER.valueToTree(properties[i + 1]));
        }
        EventType type = key.startsWith("$") ? EventType.fromWire(key.substring(1)) : EventType.TRACK;
        return add(offset, type, type == EventType.TRACK ? key : null, context(), props);
    }

    /** A page view of {@code context.page.path}. */
    Journeys page(Duration offset, String path) {
        ObjectNode context = context();
        context.putObject("page").put("path", path);
        return add(offset, EventType.PAGE, null, context, Json.MAPPER.createObjectNode());
    }

    /** A screen view named {@code name} (also {@code properties.name}). */
    Journeys screen(Duration offset, String name) {
        return add(offset, EventType.SCREEN, name, context(), Json.MAPPER.createObjectNode().put("name", name));
    }

    private ObjectNode context() {
        ObjectNode context = Json.MAPPER.createObjectNode();
        if (campaign != null) {
            context.putObject("campaign").put("source", campaign);
        }
        if (device != null) {
            context.putObject("device").put("type", device);
        }
        return context;
    }

    private Journeys add(Duration offset, EventType type, String name, ObjectNode context, ObjectNode properties) {
        Instant t = T0.plus(offset);
        events.add(new Event(messageId(events.size()), type, name, null, person, null, null, t, t, channel, "test",
                context, properties, Json.MAPPER.createObjectNode()));
        return this;
    }

    private static String messageId(int n) {
        return String.format("m%08d", n);
    }

    EventColumns columns() {
        return EventColumnsBuilder.of(events, Event::userId);
    }

    /** The same events with messageIds in reverse order, so same-instant events swap their storage order. */
    EventColumns columnsWithReversedIds() {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            out.add(new Event(messageId(events.size() - i), e.type(), e.name(), e.anonymousId(), e.userId(), null, null,
                    e.timestamp(), e.receivedAt(), e.channel(), e.source(), e.context(), e.properties(), e.traits()));
        }
        return EventColumnsBuilder.of(out, Event::userId);
    }

    /** Folds every person into one accumulator without partitions: the reference partitioned runs must equal. */
    static <A, R> R inOneAccumulator(PersonKernel<A, R> kernel, EventColumns columns) {
        A acc = kernel.newAccumulator();
        PersonEvents view = new PersonEvents(columns);
        for (int p = 0; p < columns.persons(); p++) {
            view.reset(p);
            for (int r = columns.personStart(p); r < columns.personEnd(p); r++) {
                view.add(r);
            }
            kernel.person(acc, view);
        }
        return kernel.finish(acc);
    }
}

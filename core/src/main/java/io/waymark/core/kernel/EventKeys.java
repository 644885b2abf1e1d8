package io.waymark.core.kernel;

import io.waymark.core.event.EventType;

/**
 * The event key analyses match on: the event name of a track call, and {@code $page},
 * {@code $screen}, {@code $identify}, {@code $group}, {@code $alias} for the other types
 * (the {@code $}-prefix keeps them apart from tracked names, as PostHog's {@code $pageview}).
 */
public final class EventKeys {
    public static final String PAGE = "$page";
    public static final String SCREEN = "$screen";

    private EventKeys() {
    }

    public static String of(EventType type, String name) {
        return type == EventType.TRACK ? name : "$" + type.wireName();
    }
}

package io.waymark.core.event;

import java.util.Locale;

/** The Segment spec message types. */
public enum EventType {
    TRACK, PAGE, SCREEN, IDENTIFY, GROUP, ALIAS;

    /** Computed once: ingestion asks for it several times per event. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    @com.fasterxml.jackson.annotation.JsonValue
    public String wireName() {
        return wireName;
    }

    /** Returns the type for a wire name such as "track", or null when it is not one. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static EventType fromWire(String name) {
        if (name == null) {
            return null;
        }
        for (EventType t : values()) {
            if (t.wireName().equals(name)) {
                return t;
            }
        }
        return null;
    }
}

package io.waymark.core.event;

import java.util.Locale;

/** The Segment spec message types. */
public enum EventType {
    TRACK, PAGE, SCREEN, IDENTIFY, GROUP, ALIAS;

    @com.fasterxml.jackson.annotation.JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
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

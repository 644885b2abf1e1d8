package io.waymark.core.event;

import java.util.Locale;

/** The channel a touchpoint happened on. */
public enum Channel {
    WEB, APP, EMAIL, SOCIAL, ADS, STORE, SUPPORT, SURVEY, OTHER;

    /** Computed once: ingestion asks for it several times per event. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    @com.fasterxml.jackson.annotation.JsonValue
    public String wireName() {
        return wireName;
    }

    /** Returns the channel for a wire name such as "email", or null when it is not one. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static Channel fromWire(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Channel c : values()) {
            if (c.wireName().equals(n)) {
                return c;
            }
        }
        return null;
    }
}

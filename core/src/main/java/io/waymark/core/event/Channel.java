package io.waymark.core.event;

import java.util.Locale;

/** The channel a touchpoint happened on. */
public enum Channel {
    WEB, APP, EMAIL, SOCIAL, ADS, STORE, SUPPORT, SURVEY, OTHER;

    @com.fasterxml.jackson.annotation.JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
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

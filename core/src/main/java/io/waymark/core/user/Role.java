package io.waymark.core.user;

import io.waymark.core.error.WaymarkException;
import java.util.Locale;

/**
 * What a dashboard user may do, each role including the ones before it: a {@code viewer} reads and runs queries,
 * an {@code editor} also changes segments, experiments, journeys and spend, an {@code admin} also manages users and
 * sources and forgets persons.
 */
public enum Role {
    VIEWER, EDITOR, ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /** Parses {@code viewer|editor|admin}; anything else is an error naming {@code field}. */
    public static Role parse(String value, String field) {
        for (Role r : values()) {
            if (r.wireName().equals(value)) {
                return r;
            }
        }
        throw WaymarkException.invalid(field, "role must be viewer, editor or admin, not '" + value + "'");
    }
}

package io.waymark.core.query;

import java.time.Instant;
import java.util.List;

/** The persons a {@link PersonSearchSpec} found, with what tells them apart. */
public record PersonSearchResult(List<Person> persons, boolean truncated) {
    /** {@code email} and {@code name} are the latest values of those traits (null if never given). */
    public record Person(String personId, List<String> userIds, List<String> anonymousIds, String email, String name,
                         Instant firstSeen, Instant lastSeen, long events) {
    }
}

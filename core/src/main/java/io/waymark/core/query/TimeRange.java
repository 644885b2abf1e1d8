package io.waymark.core.query;

import java.time.Instant;

/** A half-open interval [from, to) in UTC; either end may be null for "unbounded". */
public record TimeRange(Instant from, Instant to) {
    public static final TimeRange ALL = new TimeRange(null, null);

    public TimeRange {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("'from' must be before 'to'");
        }
    }
}

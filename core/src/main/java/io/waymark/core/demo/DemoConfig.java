package io.waymark.core.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * What the demo generator simulates: {@code persons} people whose events fall in the window
 * {@code [end - days, end)} (UTC), all randomness derived from {@code seed}. The same
 * configuration always yields the same messages.
 */
public record DemoConfig(int persons, int days, long seed, Instant end) {
    public DemoConfig {
        if (persons < 1) {
            throw new IllegalArgumentException("persons must be at least 1, got " + persons);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, got " + days);
        }
        if (end == null) {
            throw new IllegalArgumentException("end must be given (the exclusive end of the simulated period)");
        }
        // timestamps are written with four-digit years
        int startYear = end.minus(Duration.ofDays(days)).atOffset(ZoneOffset.UTC).getYear();
        int endYear = end.atOffset(ZoneOffset.UTC).getYear();
        if (startYear < 0 || endYear > 9999) {
            throw new IllegalArgumentException("the simulated period (" + days + " days before " + end
                    + ") must lie within the years 0 to 9999");
        }
    }
}

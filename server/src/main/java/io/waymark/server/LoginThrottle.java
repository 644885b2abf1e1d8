package io.waymark.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing per user name: after {@link #FREE_FAILURES} failed logins in a row, each further attempt
 * must wait twice as long as the last (2 s, 4 s, … up to {@link #MAX_DELAY}), whatever the password; a success or
 * {@link #FORGET_AFTER} without failures starts afresh. Unknown names are throttled like known ones, so the answer
 * does not tell which names exist. This follows OWASP's Authentication Cheat Sheet (exponential delays rather than a
 * hard lock-out, which would let anyone lock a user out for good). Kept in memory.
 */
final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    private static final int MAX_TRACKED = 100_000;
    private final Map<String, Failures> byName = new ConcurrentHashMap<>();
    private final Clock clock;

    private record Failures(int count, Instant last) {
    }

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * Zero when {@code name} may try now, else how long it must still wait. An allowed attempt counts as a failure
     * at once, atomically, until {@link #succeeded} clears it: so many guesses sent in parallel cannot all pass the
     * check before the first of them has failed.
     */
    Duration attempt(String name) {
        Instant now = clock.instant();
        if (byName.size() >= MAX_TRACKED) {
            byName.values().removeIf(f -> stale(f, now));
        }
        Duration[] wait = {Duration.ZERO};
        byName.compute(key(name), (k, f) -> {
            if (f == null || stale(f, now)) {
                return new Failures(1, now);
            }
            Duration left = Duration.between(now, f.last.plus(delay(f.count)));
            if (left.isNegative() || left.isZero()) {
                return new Failures(f.count + 1, now);
            }
            wait[0] = left;
            return f;
        });
        return wait[0];
    }

    void succeeded(String name) {
        byName.remove(key(name));
    }

    /** 2 s after the first failure past the free ones, doubling each time, capped. */
    static Duration delay(int failures) {
        int doublings = failures - FREE_FAILURES;
        if (doublings < 0) {
            return Duration.ZERO;
        }
        return doublings >= 10 ? MAX_DELAY : min(Duration.ofSeconds(2L << doublings), MAX_DELAY);
    }

    private boolean stale(Failures f, Instant now) {
        return !now.isBefore(f.last.plus(FORGET_AFTER));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String key(String name) {
        return name == null ? "" : name;
    }
}

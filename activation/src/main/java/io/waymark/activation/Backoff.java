package io.waymark.activation;

import java.time.Duration;

/**
 * Exponential backoff for sends a channel asked to retry: {@code base × 2^(attempt−1)}, at most {@code max}, for at
 * most {@code maxAttempts} attempts (then the send fails for good). No jitter: the scheduler is one thread, so retries
 * of many persons do not arrive in lock-step at one receiver within a tick anyway.
 */
public record Backoff(Duration base, Duration max, int maxAttempts) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofMinutes(1), Duration.ofHours(6), 5);

    /**
     * The wait after failed attempt {@code attempt} when the receiver asked for {@code asked} (null: nothing): at least
     * what it asked, as RFC 9110 §10.2.3 wants of a client, but never more than {@code max}, so that a receiver asking
     * for years cannot park a send for good.
     */
    public Duration after(int attempt, Duration asked) {
        Duration ours = after(attempt);
        if (asked == null || asked.compareTo(ours) <= 0) {
            return ours;
        }
        return asked.compareTo(max) > 0 ? max : asked;
    }

    /** The wait after failed attempt {@code attempt} (1-based). */
    public Duration after(int attempt) {
        Duration d = base;
        for (int i = 1; i < attempt && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}

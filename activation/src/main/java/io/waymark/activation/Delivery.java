package io.waymark.activation;

import java.time.Duration;
import java.util.Objects;

/**
 * What became of one {@link OutboundMessage}.
 *
 * @param outcome what happened
 * @param detail  one line an operator reads (SMTP reply, HTTP status, why suppressed); never personal data
 * @param retryAfter for RETRY, the wait the receiver asked for (an HTTP {@code Retry-After}); null when it asked none
 */
public record Delivery(Outcome outcome, String detail, Duration retryAfter) {

    public enum Outcome {
        /** Handed over to the channel's next hop (SMTP server accepted, webhook answered 2xx, in-app stored). */
        SENT,
        /** Deliberately not sent (no address, unsubscribed at the channel, refused destination). Not retried. */
        SUPPRESSED,
        /** Failed in a way that may pass (timeout, 5xx, 429, connection refused): the scheduler retries with backoff. */
        RETRY,
        /** Failed for good (4xx, invalid address, template error). Not retried. */
        FAILED
    }

    public Delivery {
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
        if (retryAfter != null && (outcome != Outcome.RETRY || retryAfter.isNegative())) {
            throw new IllegalArgumentException("retryAfter is a non-negative wait of a RETRY, got " + retryAfter + " for " + outcome);
        }
    }

    public Delivery(Outcome outcome, String detail) {
        this(outcome, detail, null);
    }

    public static Delivery sent(String detail) {
        return new Delivery(Outcome.SENT, detail);
    }

    public static Delivery retry(String detail) {
        return new Delivery(Outcome.RETRY, detail);
    }

    public static Delivery retry(String detail, Duration retryAfter) {
        return new Delivery(Outcome.RETRY, detail, retryAfter);
    }
}

package io.waymark.activation;

import java.util.Objects;

/**
 * What became of one {@link OutboundMessage}.
 *
 * @param outcome what happened
 * @param detail  one line an operator reads (SMTP reply, HTTP status, why suppressed); never personal data
 */
public record Delivery(Outcome outcome, String detail) {

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
    }

    public static Delivery sent(String detail) {
        return new Delivery(Outcome.SENT, detail);
    }

    public static Delivery retry(String detail) {
        return new Delivery(Outcome.RETRY, detail);
    }
}

package io.waymark.activation;

/**
 * A way to reach a person (email, webhook, in-app). The journey scheduler hands each send to the
 * channel named by the step; the channel never decides whether to send (caps, quiet hours and
 * suppression are the scheduler's), only how.
 *
 * <p>Delivery failures are outcomes, not exceptions, so the scheduler can record them and retry
 * with backoff. Calling {@code deliver} again with the same {@link OutboundMessage#idempotencyKey()}
 * must not reach the person twice where the channel can prevent it (the key travels as the email
 * Message-ID, the webhook's delivery id, the in-app message id).
 */
public interface Channel {

    /** The name journey steps use: {@code email}, {@code webhook}, {@code in_app}. */
    String name();

    Delivery deliver(OutboundMessage message);
}

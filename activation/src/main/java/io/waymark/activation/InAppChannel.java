package io.waymark.activation;

import io.waymark.store.InAppMessages;
import java.time.Clock;
import java.util.Map;

/**
 * The {@code in_app} channel: stores the rendered message for the person's site or app, which fetches it from
 * {@code GET /api/v1/messages}. The idempotency key is the message id, so delivering twice stores it once.
 * Settings: {@code title}, {@code body}, optional {@code ctaLabel} and {@code ctaUrl}; placeholders such as
 * {@code {{traits.first_name}}} are filled from the message model.
 */
public final class InAppChannel implements Channel {
    public static final String NAME = "in_app";

    private final InAppMessages messages;
    private final Clock clock;

    public InAppChannel(InAppMessages messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Delivery deliver(OutboundMessage m) {
        Map<String, Object> model = m.model();
        boolean added = messages.add(m.idempotencyKey(), m.personId(), m.journeyKey(), m.stepId(), setting(m, "title", model),
                setting(m, "body", model), setting(m, "ctaLabel", model), setting(m, "ctaUrl", model), clock.instant());
        return Delivery.sent(added ? "stored" : "already stored");
    }

    private static String setting(OutboundMessage m, String name, Map<String, Object> model) {
        Object v = m.settings().get(name);
        return v == null ? null : Placeholders.render(v.toString(), model);
    }
}

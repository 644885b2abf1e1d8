package io.waymark.activation;

import java.util.Map;
import java.util.Objects;

/**
 * One message a journey step sends to one person.
 *
 * @param idempotencyKey stable for (journey, step, person, entry): the same send retried carries the same key
 * @param personId       the resolved person
 * @param journeyKey     the journey that sends
 * @param journeyVersion the version the person is on
 * @param stepId         the step within the journey
 * @param settings       the step's channel settings as saved (email: template, subject; webhook: url, secret name; …)
 * @param model          what templates render: {@code traits} (latest traits), {@code identities}, {@code cart}
 *                       (items), {@code recommendations}, {@code event} (the triggering event's properties)
 */
public record OutboundMessage(
        String idempotencyKey,
        String personId,
        String journeyKey,
        int journeyVersion,
        String stepId,
        Map<String, Object> settings,
        Map<String, Object> model) {

    public OutboundMessage {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(personId, "personId");
        settings = Map.copyOf(settings);
        model = Map.copyOf(model);
    }
}

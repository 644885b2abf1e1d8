package io.waymark.activation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.journey.Journey;
import io.waymark.core.journey.Step;
import io.waymark.store.JourneyEvents;
import io.waymark.store.JourneyState;
import io.waymark.store.JourneyState.SendStatus;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one send step for one person: suppression (trait {@code unsubscribed}), quiet hours in the person's time zone
 * (trait {@code timezone}) and frequency caps for marketing sends, then the channel, with retries and backoff.
 *
 * <p>At-most-once towards the person as far as the store can promise it: the send's row (idempotency key = enrolment
 * and step) is committed as PENDING before the channel is called, and a finished row is never sent again. A crash after
 * the call and before the outcome is written leaves PENDING; the next attempt calls the channel again with the same key,
 * which the {@link Channel} contract says must not reach the person twice where the channel can prevent it.
 */
final class Sender {
    /** What the step does next: go on (the send is finished, {@code status} to record) or wait until {@code until}. */
    record Result(SendStatus status, String detail, int attempts, Instant until) {
        boolean finished() {
            return until == null;
        }
    }

    private final JourneyState state;
    private final JourneyEvents events;
    private final Map<String, Channel> channels;
    private final FrequencyCaps caps;
    private final JourneySettings settings;
    private final Recommendations recommendations;

    Sender(JourneyState state, JourneyEvents events, Map<String, Channel> channels, JourneySettings settings,
           Recommendations recommendations) {
        this.recommendations = recommendations;
        this.state = state;
        this.events = events;
        this.channels = Map.copyOf(channels);
        this.settings = settings;
        this.caps = new FrequencyCaps(state, settings.globalCap(), settings.channelCaps());
    }

    static String key(JourneyState.Enrolment e, Step.Send step) {
        return "journey:" + e.journeyKey() + ":" + e.id() + ":" + step.id();
    }

    Result send(Journey journey, Step.Send step, JourneyState.Enrolment e, Instant now) {
        String key = key(e, step);
        JourneyState.Send done = state.send(key);
        if (done != null && done.status() != SendStatus.PENDING && done.status() != SendStatus.RETRY) {
            return new Result(done.status(), done.detail(), done.attempts(), null);
        }
        if (done != null && done.status() == SendStatus.RETRY && done.nextAttemptAt() != null && done.nextAttemptAt().isAfter(now)) {
            return new Result(SendStatus.RETRY, done.detail(), done.attempts(), done.nextAttemptAt());
        }
        ObjectNode traits = events.traits(e.personId());
        int attempts = done == null ? 0 : done.attempts();
        if (done == null) {
            if (traits.path("unsubscribed").asBoolean(false)) {
                return new Result(SendStatus.SUPPRESSED, "unsubscribed", 0, null);
            }
            if (step.marketing()) {
                Instant quietUntil = settings.quietHours().nextAllowed(now, zone(traits));
                if (quietUntil != null) {
                    return new Result(null, "quiet hours", 0, quietUntil);
                }
                String capped = caps.exceeded(e.personId(), step.channel(), journey, now);
                if (capped != null) {
                    return new Result(SendStatus.SUPPRESSED, capped, 0, null);
                }
            }
        }
        Channel channel = channels.get(step.channel());
        if (channel == null) {
            return new Result(SendStatus.FAILED, "no channel '" + step.channel() + "' is configured", attempts, null);
        }
        int attempt = attempts + 1;
        state.transaction(tx -> tx.send(e, key, step.channel(), step.marketing(), SendStatus.PENDING, null, attempt, null, now));
        Delivery d;
        try {
            d = channel.deliver(new OutboundMessage(key, e.personId(), journey.key(), journey.version(), step.id(), step.settings(),
                    model(e, step, traits)));
        } catch (RuntimeException ex) {
            d = Delivery.retry(ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
        return switch (d.outcome()) {
            case SENT -> new Result(SendStatus.SENT, d.detail(), attempt, null);
            case SUPPRESSED -> new Result(SendStatus.SUPPRESSED, d.detail(), attempt, null);
            case FAILED -> new Result(SendStatus.FAILED, d.detail(), attempt, null);
            case RETRY -> attempt >= settings.backoff().maxAttempts()
                    ? new Result(SendStatus.FAILED, "gave up after " + attempt + " attempts: " + d.detail(), attempt, null)
                    : new Result(SendStatus.RETRY, d.detail(), attempt, now.plus(settings.backoff().after(attempt, d.retryAfter())));
        };
    }

    /**
     * What templates render: latest traits, identities, the trigger event's properties, the cart, and with the setting
     * {@code "recommendations": N} the person's top N recommended items.
     */
    private Map<String, Object> model(JourneyState.Enrolment e, Step.Send step, ObjectNode traits) {
        JourneyEvents.Identities ids = events.identities(e.personId());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("traits", Json.MAPPER.convertValue(traits, Map.class));
        model.put("identities", Map.of("personId", ids.personId(), "userIds", ids.userIds(), "anonymousIds", ids.anonymousIds()));
        model.put("event", Json.MAPPER.convertValue(e.context(), Map.class));
        model.put("cart", Json.MAPPER.convertValue(events.cart(e.personId()), java.util.List.class));
        if (step.settings().get("recommendations") instanceof Number n && n.intValue() > 0) {
            model.put("recommendations", recommendations.forPerson(e.personId(), Math.min(n.intValue(), 20)));
        }
        return model;
    }

    private static ZoneId zone(ObjectNode traits) {
        String tz = traits.path("timezone").asText("");
        try {
            return tz.isEmpty() ? ZoneOffset.UTC : ZoneId.of(tz);
        } catch (DateTimeException ex) {
            return ZoneOffset.UTC;
        }
    }
}

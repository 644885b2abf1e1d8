package io.waymark.activation.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.activation.OutboundMessage;
import io.waymark.core.Json;
import java.time.Instant;
import java.util.List;

/**
 * The JSON a webhook step posts:
 * <pre>{@code
 * {"id": "<idempotency key>", "type": "journey.step", "createdAt": "2026-…Z",
 *  "journey": {"key": "cart_abandonment", "version": 3, "step": "sms_reminder"},
 *  "person": {"id": "p_…", "userIds": ["u1"], "anonymousIds": ["a1"], "traits": {"phone": "+44…"}},
 *  "event": {… the triggering event's properties …},
 *  "data": {… the step's other settings: template, text, …}}
 * }</pre>
 * Only the traits the step lists ({@code settings.traits}) leave Waymark: data minimisation (GDPR art. 5(1)(c)).
 */
final class WebhookPayload {
    private WebhookPayload() {
    }

    static byte[] build(OutboundMessage m, Instant createdAt) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("id", m.idempotencyKey()).put("type", "journey.step").put("createdAt", createdAt.toString());
        root.putObject("journey").put("key", m.journeyKey()).put("version", m.journeyVersion()).put("step", m.stepId());
        JsonNode model = Json.MAPPER.valueToTree(m.model());
        ObjectNode person = root.putObject("person").put("id", m.personId());
        JsonNode identities = model.path("identities");
        for (String kind : List.of("userIds", "anonymousIds")) {
            person.set(kind, identities.path(kind).isArray() ? identities.get(kind) : Json.MAPPER.createArrayNode());
        }
        ObjectNode traits = person.putObject("traits");
        JsonNode wanted = Json.MAPPER.valueToTree(m.settings().get("traits"));
        if (wanted != null && wanted.isArray()) {
            for (JsonNode name : wanted) {
                JsonNode v = model.path("traits").get(name.asText());
                if (v != null) {
                    traits.set(name.asText(), v);
                }
            }
        }
        root.set("event", model.has("event") ? model.get("event") : Json.MAPPER.nullNode());
        ObjectNode data = Json.MAPPER.valueToTree(m.settings());
        data.remove(List.of("url", "secret", "traits"));
        root.set("data", data);
        try {
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}

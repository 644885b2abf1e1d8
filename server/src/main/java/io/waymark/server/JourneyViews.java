package io.waymark.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.store.JourneyRepository;
import java.util.Locale;

/** A saved journey as the API and the CLI show it: status in lower case, as the dashboard contract spells it. */
public final class JourneyViews {
    private JourneyViews() {
    }

    public static ObjectNode view(JourneyRepository.Saved s, boolean withDefinition) {
        ObjectNode v = Json.MAPPER.createObjectNode().put("key", s.key()).put("name", s.name()).put("version", s.version())
                .put("status", s.status().name().toLowerCase(Locale.ROOT));
        v.put("createdAt", s.createdAt().toString()).put("updatedAt", s.updatedAt().toString());
        v.put("startedAt", s.startedAt() == null ? null : s.startedAt().toString());
        v.put("stoppedAt", s.stoppedAt() == null ? null : s.stoppedAt().toString());
        if (withDefinition) {
            v.set("definition", s.definition());
        }
        return v;
    }
}

package io.waymark.activation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.journey.JourneyParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The journey templates shipped with Waymark ({@code journey-templates/*.json}, listed in {@code index.txt}): cart
 * abandonment, post-purchase follow-up, replenishment, win-back and welcome series. Each is checked by the parser when
 * read, so a broken template fails the build's tests rather than a user's save.
 */
public final class JourneyTemplates {
    public record Template(String id, String name, String description, JsonNode definition) {
    }

    private static final List<Template> ALL = load();

    private JourneyTemplates() {
    }

    public static List<Template> all() {
        return ALL;
    }

    public static Template get(String id) {
        for (Template t : ALL) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        throw new WaymarkException(ErrorCode.NOT_FOUND, "template", "no journey template '" + id + "'");
    }

    /**
     * A request body as a definition: {@code {"template":"cart_abandonment", …}} is the template's definition with the
     * other given fields over it; any other body is returned as it is.
     */
    public static JsonNode resolve(JsonNode body) {
        if (!(body instanceof ObjectNode o) || !o.has("template")) {
            return body;
        }
        JsonNode template = o.get("template");
        if (!template.isTextual()) {
            throw WaymarkException.invalid("template", "'template' must be the id of a journey template");
        }
        ObjectNode merged = get(template.asText()).definition().deepCopy();
        o.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("template")) {
                merged.set(f.getKey(), f.getValue());
            }
        });
        return merged;
    }

    private static List<Template> load() {
        List<Template> out = new ArrayList<>();
        for (String id : new String(read("index.txt"), StandardCharsets.UTF_8).split("\\s+")) {
            if (id.isEmpty()) {
                continue;
            }
            try {
                JsonNode t = Json.MAPPER.readTree(read(id + ".json"));
                JourneyParser.parse(t.get("definition"));
                out.add(new Template(id, t.get("name").asText(), t.get("description").asText(), t.get("definition")));
            } catch (IOException e) {
                throw new IllegalStateException("journey template " + id + " is not valid JSON", e);
            }
        }
        return List.copyOf(out);
    }

    private static byte[] read(String name) {
        try (InputStream in = JourneyTemplates.class.getResourceAsStream("/journey-templates/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing journey template resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read journey template " + name, e);
        }
    }
}

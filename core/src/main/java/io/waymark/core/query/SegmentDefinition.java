package io.waymark.core.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.error.WaymarkException;
import java.text.Normalizer;
import java.util.Locale;

/**
 * A segment to save: {@code {"id":"cart_abandoners","name":"Cart abandoners","description":"…","rules":{…},
 * "timezone":"Europe/Berlin"}}. The id defaults to a slug of the name; the rules are validated here so that a saved
 * segment always evaluates. The same body serves the HTTP API and {@code waymark segment}.
 */
public record SegmentDefinition(String id, String name, String description, JsonNode rules, String timezone) {
    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 2000;

    /** @param id the id from the URL when updating (then an id in the body must agree), or null when creating */
    public static SegmentDefinition parse(JsonNode body, String id) {
        SpecReader r = new SpecReader(body, "");
        r.allowOnly(false, "id", "name", "description", "rules", "timezone");
        String name = r.string("name");
        if (name.length() > MAX_NAME) {
            throw WaymarkException.invalid("name", "'name' may have at most " + MAX_NAME + " characters");
        }
        String description = r.optionalString("description", null);
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw WaymarkException.invalid("description", "'description' may have at most " + MAX_DESCRIPTION + " characters");
        }
        String given = r.optionalString("id", null);
        if (given != null) {
            SegmentRef.id(given, "id");
            if (id != null && !id.equals(given)) {
                throw WaymarkException.invalid("id", "'id' cannot change: the segment is '" + id + "'");
            }
        }
        String resolved = id != null ? id : given != null ? given : slug(name);
        if (!r.has("rules")) {
            throw WaymarkException.missing("rules");
        }
        var zone = r.timezone();
        SegmentRuleParser.parse(body.get("rules"), "rules", zone);
        return new SegmentDefinition(resolved, name, description, body.get("rules"), zone.equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId());
    }

    /** "Cart abandoners (EU)" → "cart_abandoners_eu"; refuses names without a letter or digit. */
    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        String slug = ascii.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.isEmpty()) {
            throw WaymarkException.invalid("id", "give an 'id': the name has no letters or digits to make one from");
        }
        return slug.length() > 64 ? slug.substring(0, 64).replaceAll("_+$", "") : slug;
    }
}

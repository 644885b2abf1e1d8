package io.waymark.core.journey;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.query.FieldPath;
import io.waymark.core.query.Filter;
import java.util.List;

/**
 * An event name and conditions on its properties, e.g. {@code {"event":"add_to_cart","where":[{"field":
 * "properties.category","op":"eq","value":"coffee"}]}}: what enters a journey, ends a wait, exits a person or counts
 * as the goal. Conditions read {@code properties.*} only (the fields a trigger event carries).
 */
public record EventMatch(String event, List<Filter> where) {
    public EventMatch {
        where = List.copyOf(where);
    }

    /** Whether an event named {@code name} with {@code properties} (a JSON object) matches. */
    public boolean matches(String name, JsonNode properties) {
        if (!event.equals(name)) {
            return false;
        }
        for (Filter f : where) {
            if (!f.test(value(properties, f.field()))) {
                return false;
            }
        }
        return true;
    }

    private static String value(JsonNode properties, FieldPath path) {
        JsonNode v = properties;
        for (String k : path.keys()) {
            v = v == null ? null : v.get(k);
        }
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        return v.isValueNode() ? (v.isNumber() ? v.numberValue().toString() : v.asText()) : v.toString();
    }
}

package io.waymark.core.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.error.WaymarkException;
import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * The persons an analysis is restricted to: a saved segment by id ({@code "segment":"cart_abandoners"}) or rules
 * given inline ({@code "segment":{"all":[…]}}). Exactly one of {@code id} and {@code rules} is set.
 */
public record SegmentRef(String id, SegmentRule rules) {
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public SegmentRef {
        if ((id == null) == (rules == null)) {
            throw new IllegalArgumentException("give exactly one of id and rules");
        }
    }

    static SegmentRef parse(JsonNode v, String field, ZoneId zone) {
        if (v.isTextual()) {
            return new SegmentRef(id(v.asText(), field), null);
        }
        if (v.isObject()) {
            return new SegmentRef(null, SegmentRuleParser.parse(v, field, zone));
        }
        throw WaymarkException.invalid(field, "'" + field + "' must be a saved segment's id or a rule object");
    }

    /** Checks a segment id: lower-case letters, digits, '_' and '-', at most 64, starting with a letter or digit. */
    public static String id(String s, String field) {
        if (!ID.matcher(s).matches()) {
            throw WaymarkException.invalid(field, "'" + field + "' must be a segment id: 1 to 64 of a-z, 0-9, '_' and '-', starting with a letter or digit");
        }
        return s;
    }
}

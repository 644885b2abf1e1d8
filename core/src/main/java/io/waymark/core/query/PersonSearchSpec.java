package io.waymark.core.query;

import io.waymark.core.error.WaymarkException;
import java.util.regex.Pattern;

/**
 * {@code {"kind":"persons","q":TEXT,"limit":N}} or {@code {"kind":"persons","trait":"key=value","limit":N}}:
 * find persons. {@code q} matches a user id, an anonymous id or a person id exactly, or an
 * {@code email} trait ignoring case; {@code trait} matches persons who had that top-level trait
 * with exactly that value in any identify call (numbers and booleans compare as their JSON text).
 * At most {@code limit} persons (1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}), ordered by
 * person id; {@code truncated} says whether more matched.
 */
public record PersonSearchSpec(String text, String traitKey, String traitValue, int limit) implements QuerySpec {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final Pattern TRAIT_KEY = Pattern.compile("[^\"\\\\]{1,200}");

    @Override
    public String kind() {
        return "persons";
    }

    static PersonSearchSpec parse(SpecReader r) {
        r.allowOnly(false, "kind", "q", "trait", "limit");
        String q = r.optionalString("q", null);
        String trait = r.optionalString("trait", null);
        if ((q == null) == (trait == null)) {
            throw q == null ? WaymarkException.missing("q") : WaymarkException.invalid("trait", "give either 'q' or 'trait', not both");
        }
        int limit = r.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        if (q != null) {
            return new PersonSearchSpec(q, null, null, limit);
        }
        int eq = trait.indexOf('=');
        String key = eq < 0 ? "" : trait.substring(0, eq);
        if (!TRAIT_KEY.matcher(key).matches()) {
            throw WaymarkException.invalid("trait", "'trait' must be key=value with a key of 1 to 200 characters other than \" and \\");
        }
        return new PersonSearchSpec(null, key, trait.substring(eq + 1), limit);
    }
}

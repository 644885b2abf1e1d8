package io.waymark.core.query;

import io.waymark.core.error.WaymarkException;

/**
 * {@code {"kind":"recommendations","userId"|"anonymousId"|"personId":…,"n":10,"segment":…,"excludePurchased":true}}:
 * the {@code n} items one person is most likely to want next, scored from the "bought together" and "viewed together"
 * neighbours of what they recently bought and viewed, then filled with the items most bought by the members of
 * {@code segment} (saved id or inline rules; everybody when absent). Items the person already bought are left out
 * unless {@code excludePurchased} is false. An identity nobody has seen gets the popular items.
 */
public record RecommendationsSpec(ProfileSpec.Lookup by, String id, int n, SegmentRef segment, boolean excludePurchased) implements QuerySpec {
    public static final int DEFAULT_N = 10;
    public static final int MAX_N = 100;

    @Override
    public String kind() {
        return "recommendations";
    }

    static RecommendationsSpec parse(SpecReader r) {
        r.allowOnly(false, "kind", "userId", "anonymousId", "personId", "n", "segment", "excludePurchased", "timezone");
        ProfileSpec.Lookup by = null;
        String id = null;
        for (String f : new String[] {"userId", "anonymousId", "personId"}) {
            String v = r.optionalString(f, null);
            if (v == null) {
                continue;
            }
            if (by != null) {
                throw WaymarkException.invalid(r.name(f), "give only one of userId, anonymousId, personId");
            }
            by = ProfileSpec.Lookup.of(f);
            id = v;
        }
        if (by == null) {
            throw WaymarkException.missing(r.name("userId"));
        }
        var segment = r.node().get("segment");
        return new RecommendationsSpec(by, id, r.integer("n", 1, MAX_N, DEFAULT_N),
                segment == null || segment.isNull() ? null : SegmentRef.parse(segment, r.name("segment"), r.timezone()),
                r.bool("excludePurchased", true));
    }
}

package io.waymark.core.query;

import io.waymark.core.error.WaymarkException;
import java.time.Instant;
import java.time.ZoneId;

/**
 * {@code {"kind":"segment","rules":{…},"asOf":"2026-03-01","sample":20}} (or {@code "segment":"saved_id"} instead of
 * rules): how many persons meet the rules as of an instant (default: now), their share of all persons, and a
 * sample of members. {@code timezone} places date-only values in the rules.
 */
public record SegmentSpec(SegmentRef segment, Instant asOf, int sample) implements QuerySpec {
    public static final int DEFAULT_SAMPLE = 20;
    public static final int MAX_SAMPLE = 1000;

    @Override
    public String kind() {
        return "segment";
    }

    static SegmentSpec parse(SpecReader r) {
        r.allowOnly(false, "kind", "rules", "segment", "asOf", "sample", "timezone");
        ZoneId zone = r.timezone();
        SegmentRef ref;
        if (r.has("rules") == r.has("segment")) {
            throw WaymarkException.invalid(r.name("rules"), "give either 'rules' or the id of a saved 'segment'");
        }
        if (r.has("rules")) {
            ref = new SegmentRef(null, SegmentRuleParser.parse(r.node().get("rules"), r.name("rules"), zone));
        } else {
            String id = r.string("segment");
            ref = new SegmentRef(SegmentRef.id(id, r.name("segment")), null);
        }
        Instant asOf = QuerySpecParser.instant(r.node(), "asOf", r.name(""), zone);
        return new SegmentSpec(ref, asOf, r.integer("sample", 0, MAX_SAMPLE, DEFAULT_SAMPLE));
    }
}

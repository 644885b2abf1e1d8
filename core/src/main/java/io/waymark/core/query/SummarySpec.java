package io.waymark.core.query;

/**
 * {@code {"kind":"summary","from":…,"to":…,"segment":…}}: counts of events and persons, by type, channel and event
 * name; with a segment (null: everybody), of its members only.
 */
public record SummarySpec(TimeRange range, SegmentRef segment) implements QuerySpec {
    public SummarySpec(TimeRange range) {
        this(range, null);
    }

    @Override
    public String kind() {
        return "summary";
    }
}

package io.waymark.core.query;

/** {@code {"kind":"summary","from":…,"to":…}}: counts of events and persons, by type, channel and event name. */
public record SummarySpec(TimeRange range) implements QuerySpec {
    @Override
    public String kind() {
        return "summary";
    }
}

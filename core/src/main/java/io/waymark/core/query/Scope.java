package io.waymark.core.query;

import io.waymark.core.event.Channel;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The fields every analysis kind shares: which events it sees ({@code from}/{@code to},
 * {@code channel}, {@code filters}, all combined with AND), whose events ({@code segment}: null for everybody)
 * and the time zone it buckets dates in.
 */
public record Scope(TimeRange range, Set<Channel> channels, List<Filter> filters, ZoneId timezone, SegmentRef segment) {
    public static final Scope ALL = new Scope(TimeRange.ALL, Set.of(), List.of(), ZoneOffset.UTC);

    public Scope {
        channels = Set.copyOf(channels);
        filters = List.copyOf(filters);
    }

    public Scope(TimeRange range, Set<Channel> channels, List<Filter> filters, ZoneId timezone) {
        this(range, channels, filters, timezone, null);
    }
}

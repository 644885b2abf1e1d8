package io.waymark.benchmarks.analysis;

import io.waymark.core.event.Channel;
import io.waymark.core.query.Scope;
import io.waymark.store.DuckDbEventStore;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * The common scope of a spec as a WHERE clause over {@code events_resolved}, for the hand-written baselines: the
 * time range as bound parameters, channels from the closed {@link Channel} set. Filters are not translated (the
 * baselines refuse specs with filters rather than guess).
 */
final class ScopeSql {
    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-01-01T00:00:00Z");

    private ScopeSql() {
    }

    /** {@code ts >= ? AND ts < ?} (two parameters, from and to in epoch microseconds) and the channel list. */
    static String where(Scope scope) {
        if (!scope.filters().isEmpty()) {
            throw new IllegalArgumentException("the SQL baselines do not translate filters");
        }
        String channels = scope.channels().isEmpty() ? "" : " AND channel IN ("
                + scope.channels().stream().map(c -> "'" + c.wireName() + "'").sorted().collect(Collectors.joining(", ")) + ")";
        return "ts >= make_timestamp(?::BIGINT) AND ts < make_timestamp(?::BIGINT)" + channels;
    }

    /** Binds the two range parameters of {@link #where} at {@code at} and {@code at + 1}. */
    static void bind(PreparedStatement ps, int at, Scope scope) throws SQLException {
        ps.setLong(at, DuckDbEventStore.micros(scope.range().from() == null ? MIN : scope.range().from()));
        ps.setLong(at + 1, DuckDbEventStore.micros(scope.range().to() == null ? MAX : scope.range().to()));
    }

    /** The event key as analyses name it: the track name, or {@code $page}, {@code $identify}, … for other calls. */
    static final String KEY = "CASE WHEN type = 'track' THEN name ELSE '$' || type END";
}

package io.waymark.core.kernel;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Maps event times to local dates in one time zone. The UTC offset is cached for the interval
 * between two transitions, so a scan over time-ordered events asks the zone rules only at
 * daylight-saving changes. Not thread-safe: one per accumulator.
 */
public final class LocalCalendar {
    private final ZoneRules rules;
    private final boolean fixed;
    private long validFrom = Long.MAX_VALUE;
    private long validTo = Long.MIN_VALUE;
    private long offsetSeconds;

    public LocalCalendar(ZoneId zone) {
        this.rules = zone.getRules();
        this.fixed = rules.isFixedOffset();
        if (fixed) {
            offsetSeconds = rules.getOffset(Instant.EPOCH).getTotalSeconds();
        }
    }

    /** Days since 1970-01-01 of the local date at {@code micros} (epoch microseconds UTC). */
    public long epochDay(long micros) {
        return Math.floorDiv(localSeconds(micros), 86_400L);
    }

    /** Seconds since the local epoch (1970-01-01T00:00 local) at {@code micros}. */
    public long localSeconds(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        if (!fixed && (seconds < validFrom || seconds >= validTo)) {
            Instant at = Instant.ofEpochSecond(seconds);
            offsetSeconds = rules.getOffset(at).getTotalSeconds();
            ZoneOffsetTransition prev = rules.previousTransition(at.plusSeconds(1));
            ZoneOffsetTransition next = rules.nextTransition(at);
            validFrom = prev == null ? Long.MIN_VALUE : prev.toEpochSecond();
            validTo = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        }
        return seconds + offsetSeconds;
    }

    public static LocalCalendar utc() {
        return new LocalCalendar(ZoneOffset.UTC);
    }
}

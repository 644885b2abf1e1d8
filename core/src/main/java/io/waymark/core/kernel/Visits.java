package io.waymark.core.kernel;

import io.waymark.core.event.EventType;
import io.waymark.core.query.FieldPath;

/**
 * Cuts a person's events into visits, the rule of {@link AttributionKernel} (and {@link SessionsKernel}): a page,
 * screen or track event other than {@code email_sent} after more than 30 minutes without one, or carrying a
 * {@code context.campaign.source} other than the visit's current one, starts a visit; other events neither start nor
 * extend one. A visit's channel and campaign are those of its first event.
 */
final class Visits {
    static final long GAP_MICROS = 30 * 60_000_000L;

    private final EventColumns columns;
    private final long gapMicros;
    private final StringColumn source;
    private final int sentCode;

    Visits(EventColumns columns) {
        this(columns, GAP_MICROS);
    }

    /** @param gapMicros inactivity after which the next visit-making event starts a new visit (a gap of exactly this continues) */
    Visits(EventColumns columns, long gapMicros) {
        this.columns = columns;
        this.gapMicros = gapMicros;
        this.source = columns.field(FieldPath.CAMPAIGN_SOURCE);
        this.sentCode = columns.eventCode("email_sent");
    }

    /** A visit-making event: a page, screen or track call other than {@code email_sent}. */
    boolean visit(int row) {
        EventType type = columns.type(row);
        return (type == EventType.PAGE || type == EventType.SCREEN || type == EventType.TRACK) && columns.event(row) != sentCode;
    }

    /**
     * Sets {@code start[i]} to the index of the first event of the visit the i-th event belongs to, -1 for an event
     * that is no visit-making event; returns {@code start}, or a larger copy when it is too small.
     */
    int[] starts(PersonEvents events, int[] start) {
        int[] out = start.length >= events.size() ? start : new int[Math.max(events.size(), 2 * start.length)];
        int current = -1;
        long last = 0;
        int visitSource = StringColumn.MISSING;
        for (int i = 0; i < events.size(); i++) {
            int row = events.row(i);
            if (!visit(row)) {
                out[i] = -1;
                continue;
            }
            long at = columns.micros(row);
            int src = source.code(row);
            if (current < 0 || at - last > gapMicros || (src != StringColumn.MISSING && src != visitSource)) {
                current = i;
                visitSource = StringColumn.MISSING;
            }
            last = at;
            if (src != StringColumn.MISSING) {
                visitSource = src;
            }
            out[i] = current;
        }
        return out;
    }
}

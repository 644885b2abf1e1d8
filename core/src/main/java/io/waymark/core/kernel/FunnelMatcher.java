package io.waymark.core.kernel;

import io.waymark.core.query.FunnelSpec;
import io.waymark.core.query.FunnelSpec.Mode;
import java.util.Arrays;

/**
 * Finds the best funnel attempt in one person's events. Not thread-safe: one per accumulator,
 * its scratch arrays reused from person to person so the scan allocates nothing per event.
 *
 * <p>Each event gets a bit mask of the steps it matches. Events at the same instant are put in
 * step order (by the first step they match, then by mask), so ties never depend on messageIds;
 * this follows ClickHouse {@code windowFunnel}, which counts equal timestamps as in order unless
 * {@code strict_increase} is set. An attempt starts at a step-1 event (any step event when
 * unordered); every later event of the attempt must be at most {@code window} after the start
 * (boundary inclusive). The best attempt is the one reaching the furthest step, and among those
 * the earliest start ("anchor each unit on its first step-one event", PostHog's conversion-metrics
 * guide), which also fixes the breakdown value (first touch) and the conversion times.
 */
final class FunnelMatcher {
    private static final int NONE = -1;

    private final Mode mode;
    private final int steps;
    private final long windowMicros;
    private final int[] codes;
    private final RowCondition[] conditions;

    private int size;
    private int[] mask = new int[64];
    private int[] sortKey = new int[64];
    private long[] time = new long[64];
    private int[] row = new int[64];
    private int[] next = new int[64];
    private long[] current;
    private long[] best;
    private int bestLevel;
    private int bestStart;

    /** @param codes event code per step (-1 when no event has the key); conditions per step */
    FunnelMatcher(Mode mode, long windowMicros, int[] codes, RowCondition[] conditions) {
        this.mode = mode;
        this.steps = codes.length;
        this.windowMicros = windowMicros;
        this.codes = codes;
        this.conditions = conditions;
        this.current = new long[steps];
        this.best = new long[steps];
    }

    /** Matches one person; returns the furthest step reached (0 when the funnel never started). */
    int match(PersonEvents events) {
        load(events);
        bestLevel = 0;
        bestStart = NONE;
        for (int i = 0; i < size && bestLevel < steps && size - i > bestLevel; i++) {
            int level = switch (mode) {
                case ORDERED -> (mask[i] & 1) == 0 ? 0 : ordered(i);
                case STRICT -> (mask[i] & 1) == 0 ? 0 : strict(i);
                case UNORDERED -> unordered(i);
            };
            if (level > bestLevel) {
                bestLevel = level;
                bestStart = i;
                long[] t = best;
                best = current;
                current = t;
            }
        }
        return bestLevel;
    }

    /** The row of the event that started the counted attempt. */
    int startRow() {
        return row[bestStart];
    }

    /** Epoch microseconds of the counted attempt's event for step {@code k} (0-based, below the level). */
    long stepMicros(int k) {
        return best[k];
    }

    /** Greedy: each step takes the first later event matching it, which reaches furthest for a given start. */
    private int ordered(int start) {
        long limit = time[start] + windowMicros;
        current[0] = time[start];
        int pos = start;
        int level = 1;
        while (level < steps) {
            int j = pos + 1 < size ? next[level * size + pos + 1] : NONE;
            if (j == NONE || time[j] > limit) {
                break;
            }
            current[level++] = time[j];
            pos = j;
        }
        return level;
    }

    /**
     * No other event between two steps. A repeat of the step just reached does not break the attempt
     * (ClickHouse windowFunnel 'strict_order' only stops at an event of another condition), nor does an
     * event at the same instant as that step; an event matching the next step is always taken as it.
     */
    private int strict(int start) {
        long limit = time[start] + windowMicros;
        current[0] = time[start];
        int level = 1;
        for (int j = start + 1; j < size && level < steps && time[j] <= limit; j++) {
            if ((mask[j] & (1 << level)) != 0) {
                current[level++] = time[j];
            } else if ((mask[j] & (1 << (level - 1))) == 0 && time[j] != current[level - 1]) {
                break;
            }
        }
        return level;
    }

    /** Any order (PostHog): distinct steps within the window; each event counts for its first step not yet covered. */
    private int unordered(int start) {
        long limit = time[start] + windowMicros;
        int covered = 0;
        int level = 0;
        for (int j = start; j < size && level < steps && time[j] <= limit; j++) {
            int free = mask[j] & ~covered;
            if (free != 0) {
                covered |= Integer.lowestOneBit(free);
                current[level++] = time[j];
            }
        }
        return level;
    }

    /** Copies the person's events (step events only, except in strict mode) in funnel order. */
    private void load(PersonEvents events) {
        int n = events.size();
        ensure(n);
        EventColumns c = events.columns();
        size = 0;
        for (int i = 0; i < n; i++) {
            int r = events.row(i);
            int m = stepMask(c.event(r), r);
            if (m == 0 && mode != Mode.STRICT) {
                continue;
            }
            long t = c.micros(r);
            int key = m == 0 ? Integer.MAX_VALUE : Integer.numberOfTrailingZeros(m) << FunnelSpec.MAX_STEPS | m;
            int at = size++;
            // insertion within the tie group only: events arrive sorted by time
            while (at > 0 && time[at - 1] == t && sortKey[at - 1] > key) {
                mask[at] = mask[at - 1];
                sortKey[at] = sortKey[at - 1];
                time[at] = time[at - 1];
                row[at] = row[at - 1];
                at--;
            }
            mask[at] = m;
            sortKey[at] = key;
            time[at] = t;
            row[at] = r;
        }
        if (mode == Mode.ORDERED) {
            buildNext();
        }
    }

    private int stepMask(int event, int r) {
        int m = 0;
        for (int s = 0; s < steps; s++) {
            if (codes[s] == event && conditions[s].test(r)) {
                m |= 1 << s;
            }
        }
        return m;
    }

    /** {@code next[k * size + i]}: the first position at or after i whose event matches step k. */
    private void buildNext() {
        int cells = steps * size;
        if (next.length < cells) {
            next = new int[Math.max(cells, next.length * 2)];
        }
        for (int k = 1; k < steps; k++) {
            int after = NONE;
            int base = k * size;
            for (int i = size - 1; i >= 0; i--) {
                if ((mask[i] & (1 << k)) != 0) {
                    after = i;
                }
                next[base + i] = after;
            }
        }
    }

    private void ensure(int n) {
        if (mask.length < n) {
            int cap = Math.max(n, mask.length * 2);
            mask = Arrays.copyOf(mask, cap);
            sortKey = Arrays.copyOf(sortKey, cap);
            time = Arrays.copyOf(time, cap);
            row = Arrays.copyOf(row, cap);
        }
    }
}

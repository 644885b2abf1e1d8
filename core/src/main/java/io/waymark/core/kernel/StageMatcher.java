package io.waymark.core.kernel;

import io.waymark.core.event.Channel;
import io.waymark.core.query.StageRules;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link StageRules} compiled against one {@link EventColumns}: event keys and channels become
 * lookup tables, filters become {@link RowCondition}s, so matching an event costs a few array
 * reads per condition. Immutable and shared by all partitions; the per-person occurrence counters
 * of {@code minOccurrence} conditions live in the caller's scratch array.
 */
final class StageMatcher {
    private final int stages;
    /** Stage of each condition (all stages' conditions in rule order, at most 64). */
    private final int[] stageOf;
    /** Per event code, the conditions that accept it (those with no event list accept all). */
    private final long[] candidates;
    /** Conditions that hold only for the person's first event. */
    private final long firstOnly;
    private final boolean[][] channelOk;
    private final RowCondition[] where;
    private final int[] minOccurrence;

    StageMatcher(StageRules rules, EventColumns columns) {
        List<StageRules.Condition> all = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int s = 0; s < rules.stages().size(); s++) {
            for (StageRules.Condition c : rules.stages().get(s).conditions()) {
                all.add(c);
                owner.add(s);
            }
        }
        int n = all.size();
        if (n > StageRules.MAX_CONDITIONS) {
            throw new IllegalArgumentException("more than " + StageRules.MAX_CONDITIONS + " conditions");
        }
        this.stages = rules.stages().size();
        this.stageOf = owner.stream().mapToInt(Integer::intValue).toArray();
        this.candidates = new long[columns.eventKeys()];
        this.channelOk = new boolean[n][];
        this.where = new RowCondition[n];
        this.minOccurrence = new int[n];
        long first = 0;
        for (int i = 0; i < n; i++) {
            StageRules.Condition c = all.get(i);
            boolean[] eventOk = events(c, columns);
            for (int code = 0; code < candidates.length; code++) {
                if (eventOk == null || eventOk[code]) {
                    candidates[code] |= 1L << i;
                }
            }
            channelOk[i] = c.channels().isEmpty() ? null : channels(c);
            where[i] = c.where().isEmpty() ? null : RowCondition.compile(c.where(), columns);
            first |= c.first() ? 1L << i : 0;
            minOccurrence[i] = c.minOccurrence();
        }
        this.firstOnly = first;
    }

    int stages() {
        return stages;
    }

    /** The size of the per-person counter array {@link #match} needs. */
    int conditions() {
        return stageOf.length;
    }

    /**
     * The stages event {@code i} of the person matches, as a bit set (bit s = stage s). Every
     * candidate condition is evaluated, so {@code counters} (zeroed per person) count all occurrences.
     */
    long match(PersonEvents events, int i, int[] counters) {
        int row = events.row(i);
        long candidate = candidates[events.event(i)];
        if (i != 0) {
            candidate &= ~firstOnly;
        }
        int channel = events.columns().channelOrdinal(row);
        long matched = 0;
        for (; candidate != 0; candidate &= candidate - 1) {
            int c = Long.numberOfTrailingZeros(candidate);
            if ((channelOk[c] != null && !channelOk[c][channel])
                    || (where[c] != null && !where[c].test(row))
                    || (minOccurrence[c] > 1 && ++counters[c] < minOccurrence[c])) {
                continue;
            }
            matched |= 1L << stageOf[c];
        }
        return matched;
    }

    private static boolean[] events(StageRules.Condition c, EventColumns columns) {
        if (c.events().isEmpty()) {
            return null;
        }
        boolean[] ok = new boolean[columns.eventKeys()];
        for (String key : c.events()) {
            int code = columns.eventCode(key);
            if (code >= 0) {
                ok[code] = true;
            }
        }
        return ok;
    }

    private static boolean[] channels(StageRules.Condition c) {
        boolean[] ok = new boolean[Channel.values().length];
        for (Channel ch : c.channels()) {
            ok[ch.ordinal()] = true;
        }
        return ok;
    }
}

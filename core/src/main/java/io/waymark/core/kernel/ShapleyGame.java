package io.waymark.core.kernel;

import io.waymark.core.model.attribution.ShapleyAttribution;
import java.util.Arrays;

/**
 * The value of converting journeys per exact set of channels, for {@link ShapleyAttribution}. Channels get bit
 * slots in order of first appearance (at most {@link ShapleyAttribution#MAX_PLAYERS}); merging remaps the later
 * accumulator's slots, so results do not depend on partitioning.
 */
final class ShapleyGame {
    private final int[] keyOfSlot = new int[ShapleyAttribution.MAX_PLAYERS];
    private int slots;
    private boolean overflow;
    private long[] counts = new long[1];
    private double[] values = new double[1];

    boolean overflow() {
        return overflow;
    }

    int slots() {
        return slots;
    }

    int keyOfSlot(int slot) {
        return keyOfSlot[slot];
    }

    long count(int mask) {
        return counts[mask];
    }

    double value(int mask) {
        return values[mask];
    }

    /** Adds one journey: the keys {@code keys[a..b)}, or the one key {@code single} when it is >= 0. */
    void add(int[] keys, int a, int b, int single, double value) {
        int mask = 0;
        if (single >= 0) {
            mask = bit(single);
        } else {
            for (int i = a; i < b; i++) {
                mask |= bit(keys[i]);
            }
        }
        add(mask, 1, value);
    }

    private void add(int mask, long count, double value) {
        if (!overflow) {
            counts[mask] += count;
            values[mask] += value;
        }
    }

    private int bit(int key) {
        for (int s = 0; s < slots; s++) {
            if (keyOfSlot[s] == key) {
                return 1 << s;
            }
        }
        if (slots == keyOfSlot.length) {
            overflow = true;
            return 0;
        }
        keyOfSlot[slots++] = key;
        counts = Arrays.copyOf(counts, 1 << slots);
        values = Arrays.copyOf(values, 1 << slots);
        return 1 << (slots - 1);
    }

    void addAll(ShapleyGame later) {
        overflow |= later.overflow;
        for (int m = 0; m < later.counts.length && !overflow; m++) {
            if (later.counts[m] == 0) {
                continue;
            }
            int mask = 0;
            for (int s = 0; s < later.slots; s++) {
                if ((m & (1 << s)) != 0) {
                    mask |= bit(later.keyOfSlot[s]);
                }
            }
            add(mask, later.counts[m], later.values[m]);
        }
    }
}

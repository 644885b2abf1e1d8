package io.waymark.core.journey;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A person's own replenishment cycle: the median gap between consecutive events of one kind (purchases of a
 * consumable). The median rather than the mean, so one late or early re-order does not move the reminder much
 * (the usual "expected days to repurchase" of replenishment programmes, taken per person instead of per product).
 */
public final class RepurchaseInterval {
    private RepurchaseInterval() {
    }

    /** The median gap of {@code times} (any order), or null with fewer than two distinct times. */
    public static Duration median(List<Instant> times) {
        long[] t = times.stream().mapToLong(Instant::toEpochMilli).sorted().distinct().toArray();
        if (t.length < 2) {
            return null;
        }
        long[] gaps = new long[t.length - 1];
        for (int i = 1; i < t.length; i++) {
            gaps[i - 1] = t[i] - t[i - 1];
        }
        Arrays.sort(gaps);
        int n = gaps.length;
        long median = n % 2 == 1 ? gaps[n / 2] : (gaps[n / 2 - 1] + gaps[n / 2]) / 2;
        return Duration.ofMillis(median);
    }
}

package io.waymark.core.kernel;

import java.util.Arrays;

/**
 * A growable array of longs (durations in microseconds), so kernels keep every value without boxing
 * and report exact order statistics, independent of partitioning. Adding allocates only when the
 * array doubles; the order statistics work on a copy, so they never reorder the list.
 */
final class LongList {
    private static final long[] EMPTY = {};

    private long[] values = EMPTY;
    private int size;

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.max(8, size * 2));
        }
        values[size++] = v;
    }

    void addAll(LongList other) {
        if (size + other.size > values.length) {
            values = Arrays.copyOf(values, Math.max(size + other.size, values.length * 2));
        }
        System.arraycopy(other.values, 0, values, size, other.size);
        size += other.size;
    }

    int size() {
        return size;
    }

    /** The median (see {@link #median(double)}) in the values' own unit; null when empty. */
    Double median() {
        return median(1);
    }

    /**
     * The median divided by {@code divisor}: the middle value, or for an even count the mean of the two
     * middle values, as DuckDB's {@code quantile_cont(x, 0.5)}, {@code median} and numpy define it; null
     * when empty. Each middle value is divided before averaging, the order of rounding our results have
     * always had.
     */
    Double median(double divisor) {
        if (size == 0) {
            return null;
        }
        long[] a = Arrays.copyOf(values, size);
        int mid = size / 2;
        long upper = select(a, mid);
        if (size % 2 == 1) {
            return upper / divisor;
        }
        long lower = Long.MIN_VALUE;
        for (int i = 0; i < mid; i++) {
            lower = Math.max(lower, a[i]);
        }
        return (lower / divisor + upper / divisor) / 2;
    }

    /**
     * The nearest-rank percentile, the value at 1-based rank ceil(p/100 * n), in integer arithmetic so
     * no engine disagrees by a rounding; null when empty.
     */
    Long nearestRank(int percent) {
        if (size == 0) {
            return null;
        }
        long rank = ((long) percent * size + 99) / 100;
        return select(Arrays.copyOf(values, size), (int) Math.max(1, rank) - 1);
    }

    /**
     * Hoare's FIND (quickselect): the k-th smallest of {@code a}, leaving every value before index k no
     * larger. Linear on average where sorting millions of durations would dominate the scan; the three-way
     * partition keeps it linear when many durations are equal (every one-event session lasts 0).
     */
    private static long select(long[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        while (lo < hi) {
            long pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi]);
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                if (a[i] < pivot) {
                    swap(a, lt++, i++);
                } else if (a[i] > pivot) {
                    swap(a, i, gt--);
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt - 1;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
        return a[k];
    }

    private static long medianOfThree(long x, long y, long z) {
        return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

package io.waymark.core.demo;

import java.util.HashMap;
import java.util.Map;

/**
 * The adjusted Rand index of two labelings of the same items (Hubert &amp; Arabie, "Comparing partitions", Journal of
 * Classification 2, 1985): the share of item pairs on which they agree, corrected for chance, 1 for identical partitions
 * (whatever the label names), about 0 for independent ones. Computed from the contingency table, as scikit-learn's
 * {@code adjusted_rand_score}.
 */
public final class AdjustedRandIndex {
    private AdjustedRandIndex() {
    }

    public static double of(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("labelings of different lengths");
        }
        Map<Long, Long> cells = new HashMap<>();
        Map<Integer, Long> rows = new HashMap<>();
        Map<Integer, Long> cols = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            cells.merge(((long) a[i] << 32) | (b[i] & 0xFFFFFFFFL), 1L, Long::sum);
            rows.merge(a[i], 1L, Long::sum);
            cols.merge(b[i], 1L, Long::sum);
        }
        double index = cells.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
        double sumRows = rows.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
        double sumCols = cols.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
        double expected = sumRows * sumCols / pairs(a.length);
        double max = (sumRows + sumCols) / 2;
        return max == expected ? 1.0 : (index - expected) / (max - expected);
    }

    private static double pairs(long n) {
        return n * (n - 1) / 2.0;
    }
}

package io.waymark.core.kernel;

import java.util.Arrays;

/**
 * RFM scoring (Hughes, "Strategic Database Marketing", 1994): each customer (at least one purchase) gets 1–5 for
 * recency (days since the last purchase, fewer is better), frequency (purchases) and monetary value (revenue),
 * by quintile among all customers. Ties share a score: a score is {@code 1 + floor(5 * worse / n)} where
 * {@code worse} counts customers with a strictly worse value, so customers with equal values never split across
 * scores (many one-time buyers all get frequency 1); with five or more customers a unique best value scores 5.
 * Recency is compared to the microsecond, so two purchases on the same day at different times do not tie.
 * The named groups follow the common recency × frequency grid used by RFM segmentations (champions = R 5 / F 4–5,
 * hibernating = R 1–2 / F 1–2, …).
 */
final class RfmScores {
    private RfmScores() {
    }

    /** Scores of {@code values} (NaN: not a customer, score 0); higher values are better unless {@code lowerIsBetter}. */
    static byte[] quintiles(double[] values, boolean lowerIsBetter) {
        double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int n = sorted.length;
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (Double.isNaN(v)) {
                continue;
            }
            long worse = lowerIsBetter ? n - upperBound(sorted, v) : lowerBound(sorted, v);
            out[i] = (byte) (1 + (5 * worse) / n);
        }
        return out;
    }

    /** The group of a recency and a frequency score (1–5 each). */
    static String group(int r, int f) {
        if (r >= 5 && f >= 4) {
            return "champions";
        }
        if (r >= 3 && f >= 4) {
            return "loyal_customers";
        }
        if (r >= 4 && f >= 2) {
            return "potential_loyalists";
        }
        if (r == 5) {
            return "new_customers";
        }
        if (r == 4) {
            return "promising";
        }
        if (r == 3 && f == 3) {
            return "need_attention";
        }
        if (r == 3) {
            return "about_to_sleep";
        }
        if (f == 5) {
            return "cannot_lose_them";
        }
        if (f >= 3) {
            return "at_risk";
        }
        return "hibernating";
    }

    /** Index of the first element >= v. */
    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the first element > v. */
    private static int upperBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

package io.waymark.core.kernel;

/** Element-wise sums, how accumulators of plain counts merge. */
final class Sums {
    private Sums() {
    }

    /** Adds {@code later} into {@code into}, element by element; both have the same length. */
    static void add(long[] into, long[] later) {
        for (int i = 0; i < into.length; i++) {
            into[i] += later[i];
        }
    }

    static void add(int[] into, int[] later) {
        for (int i = 0; i < into.length; i++) {
            into[i] += later[i];
        }
    }

    static void add(double[] into, double[] later) {
        for (int i = 0; i < into.length; i++) {
            into[i] += later[i];
        }
    }
}

package io.waymark.core.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Random draws used by the simulation. {@link StrictMath} (not {@link Math}) keeps results
 * bit-identical on every platform, which byte-identical output needs.
 */
final class Draw {
    private Draw() {
    }

    static boolean chance(SplittableRandom r, double p) {
        return r.nextDouble() < p;
    }

    static double exponential(SplittableRandom r, double mean) {
        return -mean * StrictMath.log(1.0 - r.nextDouble());
    }

    /** Standard normal by Box-Muller. */
    static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * StrictMath.PI * v);
    }

    /** Index drawn with probability proportional to {@code weights[i]}. */
    static int weighted(SplittableRandom r, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = r.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static <T> T oneOf(SplittableRandom r, List<T> items) {
        return items.get(r.nextInt(items.size()));
    }

    static String oneOf(SplittableRandom r, String... items) {
        return items[r.nextInt(items.length)];
    }

    /** Milliseconds between {@code lo} and {@code hi} (inclusive, exclusive). */
    static long between(SplittableRandom r, long lo, long hi) {
        return lo + r.nextLong(hi - lo);
    }

    static int clamp(long value, int lo, int hi) {
        return (int) Math.max(lo, Math.min(hi, value));
    }
}

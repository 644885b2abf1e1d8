package io.waymark.core.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Adjusted p-values for a family of tests (several variants and metrics), compared with the unchanged alpha:
 * Holm (1979), "A simple sequentially rejective multiple test procedure", Scand. J. Statistics 6, controls the
 * family-wise error rate; Benjamini &amp; Hochberg (1995), "Controlling the false discovery rate", JRSS B 57, the
 * false discovery rate. The adjusted values are those of R's {@code p.adjust}.
 */
public final class MultipleTesting {
    private MultipleTesting() {
    }

    /** A correction method; its name is stated in every result. */
    public enum Method {
        NONE("none"), HOLM("Holm"), BENJAMINI_HOCHBERG("Benjamini-Hochberg");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The adjusted p-values, in the order of {@code p}. */
    public static double[] adjust(Method method, double[] p) {
        int m = p.length;
        Integer[] order = IntStream.range(0, m).boxed().sorted(Comparator.comparingDouble(i -> p[i])).toArray(Integer[]::new);
        double[] adjusted = new double[m];
        switch (method) {
            case NONE:
                return Arrays.copyOf(p, m);
            case HOLM: {
                // step-down: the k-th smallest (k from 0) times m − k, made non-decreasing
                double running = 0;
                for (int k = 0; k < m; k++) {
                    running = Math.max(running, Math.min(1, (m - k) * p[order[k]]));
                    adjusted[order[k]] = running;
                }
                return adjusted;
            }
            case BENJAMINI_HOCHBERG: {
                // step-up: the k-th smallest (k from 1) times m / k, made non-increasing from the largest down
                double running = 1;
                for (int k = m; k >= 1; k--) {
                    running = Math.min(running, Math.min(1, p[order[k - 1]] * m / k));
                    adjusted[order[k - 1]] = running;
                }
                return adjusted;
            }
            default:
                throw new IllegalArgumentException("unknown method " + method);
        }
    }
}

package io.waymark.core.model.attribution;

/**
 * Removal effects of a first-order Markov chain over channel paths, after Anderl, Becker, von Wangenheim
 * and Schumann (2016), "Mapping the customer journey: Lessons learned from graph-based online attribution
 * modeling", International Journal of Research in Marketing 33(3), 457-474.
 *
 * <p>States: {@code 0} = start, {@code 1..n} = the channels, {@code n+1} = conversion, {@code n+2} = null
 * (journey ended without conversion). Transition probabilities are the observed transition counts divided by
 * their row sums. P(conversion) is the probability of absorbing in the conversion state from start; the
 * removal effect of channel c is {@code 1 - P(conversion | c removed) / P(conversion)}, where removing c sends
 * every transition into c to the null state (Anderl et al. 2016, section 3.2).
 *
 * <p>Absorption probabilities solve the linear system {@code x = Q x + b} over the transients states
 * (Kemeny and Snell, "Finite Markov Chains", 1960, theorem 3.3.7: {@code x = (I - Q)^-1 b}); the system has
 * n + 1 unknowns, so it is solved exactly by Gaussian elimination with partial pivoting.
 *
 * <p>Self-transitions (a channel repeated) never change these probabilities: from c, the chance of reaching
 * d != c next is {@code count(c,d) / (row sum - count(c,c))} with or without them. So collapsing repeated
 * channels, as some implementations do, gives the same removal effects.
 */
public final class MarkovAttribution {
    /** One dense solve per channel is O(n^4): 300 channels take seconds, thousands would take hours. */
    public static final int MAX_CHANNELS = 300;

    private MarkovAttribution() {
    }

    /** P(conversion) of the full chain and the removal effect of each channel (index 0 = channel 1). */
    public record Effects(double conversionProbability, double[] removalEffects) {
    }

    /** @param counts (n+3) x (n+3) transition counts, rows = from state, in the state order above */
    public static Effects removalEffects(long[][] counts) {
        int n = counts.length - 3;
        if (n > MAX_CHANNELS) {
            throw io.waymark.core.error.WaymarkException.invalid("by", "the Markov model handles at most " + MAX_CHANNELS
                    + " channels or campaigns, these journeys touch " + n + "; attribute by channel or narrow the scope");
        }
        double base = conversionProbability(counts, -1);
        double[] effects = new double[n];
        for (int c = 0; c < n; c++) {
            effects[c] = base == 0 ? 0 : 1 - conversionProbability(counts, c + 1) / base;
        }
        return new Effects(base, effects);
    }

    /** The probability of absorbing in the conversion state from start, with state {@code removed} (or -1) removed. */
    static double conversionProbability(long[][] counts, int removed) {
        int states = counts.length;
        int transients = states - 2;
        int conv = states - 2;
        double[][] a = new double[transients][transients + 1];
        for (int i = 0; i < transients; i++) {
            a[i][i] = 1;
            long total = 0;
            for (long v : counts[i]) {
                total += v;
            }
            if (total == 0 || i == removed) {
                continue; // never left, or removed: absorbs nowhere (x_i = 0)
            }
            for (int j = 0; j < transients; j++) {
                if (j != removed) {
                    a[i][j] -= (double) counts[i][j] / total;
                }
            }
            a[i][transients] = (double) counts[i][conv] / total;
        }
        return solve(a)[0];
    }

    /** Gaussian elimination with partial pivoting on an augmented n x (n+1) matrix; returns x. */
    static double[] solve(double[][] a) {
        int n = a.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                if (f != 0) {
                    for (int k = col; k <= n; k++) {
                        a[r][k] -= f * a[col][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}

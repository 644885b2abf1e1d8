package io.waymark.core.model.attribution;

/**
 * Exact Shapley values (Shapley 1953, "A value for n-person games") of the attribution game of Zhao,
 * Mahboobi and Bagheri (2018), "Shapley value methods for attribution modeling in online advertising"
 * (arXiv:1804.05327): the worth of a coalition S of channels is the value (conversions or revenue) of the
 * converting journeys whose set of channels is a subset of S,
 * {@code v(S) = sum over T subset of S of R(T)}, where R(T) is the value of journeys touching exactly T.
 *
 * <p>Zhao et al. show this game's Shapley value equals their "simplified" form: each journey's value split
 * equally among its distinct channels. We compute the textbook definition over all 2^n coalitions
 * ({@code phi_i = sum over S without i of |S|!(n-|S|-1)!/n! (v(S+i) - v(S))}), which stays exact for the
 * {@value #MAX_PLAYERS} players we allow, and the tests check it against the simplified form. This game
 * ignores journeys that did not convert; the conversion-probability game of Dalessandro, Perlich,
 * Stitelman and Provost (2012), "Causally motivated attribution for online advertising", which uses them,
 * is not implemented (the Markov model is the one here that learns from non-converting journeys).
 */
public final class ShapleyAttribution {
    public static final int MAX_PLAYERS = 15;

    private ShapleyAttribution() {
    }

    /**
     * @param exact {@code exact[mask]} = value of the journeys whose channel set is exactly {@code mask}
     *              (bit i = player i), length 2^n
     * @return the Shapley value of each of the n players
     */
    public static double[] values(int n, double[] exact) {
        if (n > MAX_PLAYERS || exact.length != 1 << n) {
            throw new IllegalArgumentException("at most " + MAX_PLAYERS + " players, 2^n values");
        }
        double[] v = exact.clone();
        // zeta transform: v(S) = sum of exact(T) over T subset of S, in n 2^n steps
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < v.length; s++) {
                if ((s & (1 << i)) != 0) {
                    v[s] += v[s ^ (1 << i)];
                }
            }
        }
        double[] weight = new double[n];
        for (int s = 0; s < n; s++) {
            weight[s] = 1.0 / (n * binomial(n - 1, s)); // |S|!(n-|S|-1)!/n!
        }
        double[] phi = new double[n];
        for (int s = 0; s < v.length; s++) {
            double w = n == 0 ? 0 : weight[Math.min(Integer.bitCount(s), n - 1)];
            for (int i = 0; i < n; i++) {
                if ((s & (1 << i)) == 0) {
                    phi[i] += w * (v[s | (1 << i)] - v[s]);
                }
            }
        }
        return phi;
    }

    private static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }
}

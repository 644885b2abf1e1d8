package io.waymark.core.model;

import org.hipparchus.special.Gamma;

/**
 * The BG/NBD model of Fader, Hardie &amp; Lee (2005), "Counting your customers the easy way: An alternative
 * to the Pareto/NBD model", Marketing Science 24(2), 275-284. While alive, a customer buys as a Poisson
 * process with rate lambda ~ Gamma(r, alpha); after each purchase the customer drops out with probability
 * p ~ Beta(a, b). A customer is summarised by x (repeat purchases), t_x (time of the last purchase since
 * the first) and T (time observed since the first purchase), all in one time unit; alpha is in that unit.
 */
public record BgNbdModel(double r, double alpha, double a, double b) {

    /** A fitted model and its maximised log-likelihood. */
    public record Fit(BgNbdModel model, double logLikelihood) {
    }

    /**
     * The log-likelihood of one customer (the paper's likelihood function, section 3), with its two terms combined by log-sum-exp as the
     * lifetimes library does, so large x or T do not underflow.
     */
    public double logLikelihood(double x, double tx, double bigT) {
        double a1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
        double a2 = Gamma.logGamma(a + b) + Gamma.logGamma(b + x) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
        double a3 = -(r + x) * Math.log(alpha + bigT);
        if (x <= 0) {
            return a1 + a2 + a3;
        }
        double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
        double max = Math.max(a3, a4);
        return a1 + a2 + max + Math.log(Math.exp(a3 - max) + Math.exp(a4 - max));
    }

    /** The summed log-likelihood of customers; {@code weight[i]} customers share the summary (x[i], tx[i], T[i]). */
    public double logLikelihood(double[] x, double[] tx, double[] bigT, double[] weight) {
        return new Summaries(x, tx, bigT, weight).logLikelihood(this);
    }

    /**
     * Customer summaries indexed by their distinct x, t_x and T, so one evaluation of the likelihood computes the
     * log-gamma terms once per distinct x and the logs once per distinct t_x and T; per customer only the
     * log-sum-exp remains (the same terms as {@link #logLikelihood(double, double, double)}).
     */
    static final class Summaries {
        private final Distinct x;
        private final Distinct tx;
        private final Distinct bigT;
        private final double[] weight;

        Summaries(double[] x, double[] tx, double[] bigT, double[] weight) {
            this.x = new Distinct(x);
            this.tx = new Distinct(tx);
            this.bigT = new Distinct(bigT);
            this.weight = weight;
        }

        double logLikelihood(BgNbdModel m) {
            double[] xs = x.values;
            double[] head = new double[xs.length];
            double[] a4 = new double[xs.length];
            double constant = -Gamma.logGamma(m.r) + m.r * Math.log(m.alpha) + Gamma.logGamma(m.a + m.b) - Gamma.logGamma(m.b);
            for (int k = 0; k < xs.length; k++) {
                head[k] = constant + Gamma.logGamma(m.r + xs[k]) + Gamma.logGamma(m.b + xs[k]) - Gamma.logGamma(m.a + m.b + xs[k]);
                a4[k] = xs[k] > 0 ? Math.log(m.a) - Math.log(m.b + xs[k] - 1) : Double.NEGATIVE_INFINITY;
            }
            double[] logTx = logs(tx.values, m.alpha);
            double[] logT = logs(bigT.values, m.alpha);
            double sum = 0;
            for (int i = 0; i < weight.length; i++) {
                int k = x.index[i];
                double rx = m.r + xs[k];
                double t3 = -rx * logT[bigT.index[i]];
                double t4 = a4[k] - rx * logTx[tx.index[i]];
                double ll = xs[k] > 0 ? Math.max(t3, t4) + Math.log1p(Math.exp(-Math.abs(t3 - t4))) : t3;
                sum += weight[i] * (head[k] + ll);
            }
            return sum;
        }

        private static double[] logs(double[] values, double alpha) {
            double[] out = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = Math.log(alpha + values[i]);
            }
            return out;
        }
    }

    /**
     * Maximum likelihood estimates of (r, alpha, a, b) from customer summaries (see
     * {@link #logLikelihood(double[], double[], double[], double[])}), by Nelder-Mead on log-parameters.
     * Starts from r = a = b = 1 and alpha = the mean observation time, a scale-free guess.
     *
     * @throws FitException when no finite maximum inside the parameter box [1e-6, 1e6] exists (see {@link LogSpace})
     */
    public static Fit fit(double[] x, double[] tx, double[] bigT, double[] weight) {
        double n = 0;
        double sumT = 0;
        for (int i = 0; i < x.length; i++) {
            n += weight[i];
            sumT += weight[i] * bigT[i];
        }
        double meanT = n > 0 && sumT > 0 ? sumT / n : 1;
        Summaries summaries = new Summaries(x, tx, bigT, weight);
        double[] p = LogSpace.maximise(q -> summaries.logLikelihood(new BgNbdModel(q[0], q[1], q[2], q[3])),
                new double[] {1, meanT, 1, 1}, "r", "alpha", "a", "b");
        BgNbdModel m = new BgNbdModel(p[0], p[1], p[2], p[3]);
        double ll = summaries.logLikelihood(m);
        if (!Double.isFinite(ll)) {
            throw new FitException("the BG/NBD likelihood is not finite at its optimum");
        }
        return new Fit(m, ll);
    }

    /**
     * P(alive | x, t_x, T): the probability that the customer has not dropped out by T (Fader, Hardie &amp;
     * Lee 2008, "Computing P(alive) using the BG/NBD model", a note on brucehardie.com). A customer
     * without repeat purchases is alive for sure: in BG/NBD one can only drop out right after a purchase.
     */
    public double pAlive(double x, double tx, double bigT) {
        if (x <= 0) {
            return 1;
        }
        return 1 / (1 + a / (b + x - 1) * Math.exp((r + x) * Math.log((alpha + bigT) / (alpha + tx))));
    }

    /**
     * E[Y(t) | x, t_x, T]: the expected number of purchases in (T, T + t] (paper eq. 10). Eq. 10 has
     * ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z) with z = t/(alpha+T+t); for large x or long
     * horizons that 2F1 grows like (1-z)^-x, 10^x for z = 0.9, and overflows near x = 300. Euler's transformation
     * 2F1(A, B; C; z) = (1-z)^(C-A-B) 2F1(C-A, C-B; C; z) (Abramowitz &amp; Stegun 15.3.3) with A = r+x,
     * B = b+x, C = a+b+x-1 gives C-A = a+b-1-r, C-B = a-1 and C-A-B = a-1-r-x, and since 1-z =
     * (alpha+T)/(alpha+T+t) the power of (1-z) cancels to (1-z)^(a-1):
     * <pre>
     *   E = C/(a-1) [1 - (1-z)^(a-1) 2F1(a+b-1-r, a-1; C; z)] / (1 + [x &gt; 0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x))
     * </pre>
     * Its parameters do not grow with x, and C in the denominator only speeds convergence. Writing 2F1 = 1 +
     * (a-1)/C * S with S = {@link Hypergeometric#scaledTail} gives the numerator C (1 - (1-z)^(a-1))/(a-1) -
     * (1-z)^(a-1) S, finite for a = 1 and for C &lt;= 0 (x = 0 with a+b &lt; 1), where eq. 10's 2F1 is undefined
     * or the series misbehaves.
     * <p>
     * The transformed series is not always the better one: with a large a (a fitted Beta(a, b) can have a and b
     * in the thousands when every customer drops out with about the same probability) its terms grow like
     * ((a+b-1-r)(a-1) z/C)^n / n! and overflow, where eq. 10's own series is tame. So the form whose first term
     * ratio A'B'z/C is smaller is used; eq. 10's form is then summed in log space ({@link Hypergeometric#logF21}),
     * with ((alpha+T)/(alpha+T+t))^(r+x) applied to the logarithm, so it is finite for any x as well.
     */
    public double expectedPurchases(double t, double x, double tx, double bigT) {
        if (t <= 0) {
            return 0;
        }
        double z = t / (alpha + bigT + t);
        double logOneMinusZ = Math.log((alpha + bigT) / (alpha + bigT + t));
        double c = a + b + x - 1;
        double am1 = a - 1;
        double numerator;
        if (c >= 1 && (r + x) * (b + x) < Math.abs((a + b - 1 - r) * am1)) {
            // eq. 10 as printed, in log space: 1 - (1-z)^(r+x) 2F1(r+x, b+x; c; z); a is far from 1 here
            double logW = (r + x) * logOneMinusZ + Hypergeometric.logF21(r + x, b + x, c, z);
            numerator = c / am1 * -Math.expm1(logW);
        } else {
            double w = Math.exp(am1 * logOneMinusZ);
            // (1 - (1-z)^(a-1)) / (a-1), with its limit -ln(1-z) at a = 1
            double u = am1 * logOneMinusZ;
            double oneMinusWOverAm1 = Math.abs(u) < 1e-12 ? -logOneMinusZ : -Math.expm1(u) / am1;
            numerator = c * oneMinusWOverAm1 - w * Hypergeometric.scaledTail(a + b - 1 - r, am1, c, z);
        }
        double denominator = x > 0
                ? 1 + a / (b + x - 1) * Math.exp((r + x) * Math.log((alpha + bigT) / (alpha + tx)))
                : 1;
        return numerator / denominator;
    }

    /** Eq. 10 as printed, with the direct 2F1 series: the reference {@link #expectedPurchases} is tested against. */
    double expectedPurchasesDirect(double t, double x, double tx, double bigT) {
        double z = t / (alpha + bigT + t);
        double f = Hypergeometric.f21(r + x, b + x, a + b + x - 1, z);
        double numerator = (a + b + x - 1) / (a - 1)
                * (1 - Math.exp((r + x) * Math.log((alpha + bigT) / (alpha + bigT + t))) * f);
        double denominator = x > 0
                ? 1 + a / (b + x - 1) * Math.exp((r + x) * Math.log((alpha + bigT) / (alpha + tx)))
                : 1;
        return numerator / denominator;
    }
}

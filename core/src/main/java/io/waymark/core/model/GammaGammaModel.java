package io.waymark.core.model;

import org.hipparchus.special.Gamma;

/**
 * The Gamma-Gamma model of monetary value: Fader, Hardie &amp; Lee (2005), "RFM and CLV: Using iso-value
 * curves for customer base analysis", Journal of Marketing Research 42(4), 415-430, and Fader &amp; Hardie
 * (2013), "The Gamma-Gamma model of monetary value". A customer's transaction values are Gamma(p, nu)
 * around a personal mean, with nu ~ Gamma(q, gamma) across customers; spend is independent of the
 * purchase process, so it multiplies BG/NBD's expected purchases. Inputs are customers with x &gt; 0
 * repeat transactions and their average repeat-transaction value mbar &gt; 0.
 */
public record GammaGammaModel(double p, double q, double gamma) {

    /** A fitted model and its maximised log-likelihood. */
    public record Fit(GammaGammaModel model, double logLikelihood) {
    }

    /**
     * The log-likelihood of one customer's average value mbar over x transactions (Fader &amp; Hardie 2013:
     * the density of the mean of x Gamma(p, nu) values mixed over nu), as lifetimes writes it.
     */
    public double logLikelihood(double x, double mbar) {
        double px = p * x;
        return Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q) + q * Math.log(gamma)
                + (px - 1) * Math.log(mbar) + px * Math.log(x) - (px + q) * Math.log(gamma + x * mbar);
    }

    /** The summed log-likelihood; {@code weight[i]} customers share (x[i], mbar[i]). */
    public double logLikelihood(double[] x, double[] mbar, double[] weight) {
        return new Summaries(x, mbar, weight).logLikelihood(this);
    }

    /**
     * Maximum likelihood estimates of (p, q, gamma), by Nelder-Mead on log-parameters from (1, 1, mean mbar).
     *
     * @throws FitException when no finite maximum inside the parameter box [1e-6, 1e6] exists (see {@link LogSpace})
     */
    public static Fit fit(double[] x, double[] mbar, double[] weight) {
        double n = 0;
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            n += weight[i];
            sum += weight[i] * mbar[i];
        }
        double mean = n > 0 && sum > 0 ? sum / n : 1;
        Summaries summaries = new Summaries(x, mbar, weight);
        double[] v = LogSpace.maximise(g -> summaries.logLikelihood(new GammaGammaModel(g[0], g[1], g[2])), new double[] {1, 1, mean},
                "p", "q", "gamma");
        GammaGammaModel m = new GammaGammaModel(v[0], v[1], v[2]);
        double ll = summaries.logLikelihood(m);
        if (!Double.isFinite(ll)) {
            throw new FitException("the Gamma-Gamma likelihood is not finite at its optimum");
        }
        return new Fit(m, ll);
    }

    /**
     * Summaries with the log-gamma terms computed once per distinct x and ln(mbar), ln(x) once per customer, so an
     * evaluation costs one log per customer (the same terms as {@link #logLikelihood(double, double)}).
     */
    static final class Summaries {
        private final Distinct x;
        private final double[] mbar;
        private final double[] logMbar;
        private final double[] logX;
        private final double[] weight;

        Summaries(double[] x, double[] mbar, double[] weight) {
            this.x = new Distinct(x);
            this.mbar = mbar;
            this.weight = weight;
            logMbar = new double[mbar.length];
            logX = new double[mbar.length];
            for (int i = 0; i < mbar.length; i++) {
                logMbar[i] = Math.log(mbar[i]);
                logX[i] = Math.log(x[i]);
            }
        }

        double logLikelihood(GammaGammaModel m) {
            double[] xs = x.values;
            double[] head = new double[xs.length];
            double constant = -Gamma.logGamma(m.q) + m.q * Math.log(m.gamma);
            for (int k = 0; k < xs.length; k++) {
                head[k] = constant + Gamma.logGamma(m.p * xs[k] + m.q) - Gamma.logGamma(m.p * xs[k]);
            }
            double sum = 0;
            for (int i = 0; i < weight.length; i++) {
                int k = x.index[i];
                double px = m.p * xs[k];
                sum += weight[i] * (head[k] + (px - 1) * logMbar[i] + px * logX[i] - (px + m.q) * Math.log(m.gamma + xs[k] * mbar[i]));
            }
            return sum;
        }
    }

    /**
     * E[Z | mbar, x]: the expected value of a customer's future transactions (Fader &amp; Hardie 2013),
     * a weighted mean of the population mean p*gamma/(q-1) and the customer's own mbar; with x = 0 it is the
     * population mean. Finite only when q &gt; 1.
     */
    public double expectedSpend(double x, double mbar) {
        return p * (gamma + x * mbar) / (p * x + q - 1);
    }
}

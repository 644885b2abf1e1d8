package io.waymark.core.model;

/** The Gaussian hypergeometric function 2F1, which BG/NBD's conditional expectation (eq. 10) needs. */
final class Hypergeometric {
    private static final int MAX_TERMS = 1_000_000;
    private static final double EPS = 1e-15;

    private Hypergeometric() {
    }

    /**
     * 2F1(a, b; c; z) = sum over n of (a)_n (b)_n / (c)_n * z^n / n! (Abramowitz &amp; Stegun 15.1.1), which
     * converges for |z| &lt; 1. Each term is the previous one times (a+n)(b+n) z / ((c+n)(n+1)), so no
     * factorials overflow. We stop once the terms shrink (that ratio below 1) and the last one no longer
     * changes the sum; BG/NBD calls it with 0 &lt;= z &lt; 1 and positive a, b, c.
     *
     * @throws ArithmeticException when the series does not converge within a million terms (z too close to 1)
     */
    static double f21(double a, double b, double c, double z) {
        if (!(Math.abs(z) < 1) || !(c > 0)) {
            throw new ArithmeticException("2F1 series needs |z| < 1 and c > 0, got z=" + z + ", c=" + c);
        }
        double term = 1;
        double sum = 1;
        for (int n = 0; n < MAX_TERMS; n++) {
            double ratio = (a + n) * (b + n) * z / ((c + n) * (n + 1));
            term *= ratio;
            sum += term;
            if (Math.abs(ratio) < 1 && Math.abs(term) <= EPS * Math.abs(sum)) {
                return sum;
            }
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge");
    }
}

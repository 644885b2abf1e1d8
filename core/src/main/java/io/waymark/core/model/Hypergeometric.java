package io.waymark.core.model;

/** The Gaussian hypergeometric series 2F1 in the forms BG/NBD's conditional expectation (eq. 10) needs. */
final class Hypergeometric {
    private static final int MAX_TERMS = 1_000_000;
    private static final double EPS = 1e-15;

    private Hypergeometric() {
    }

    /**
     * 2F1(a, b; c; z) = sum over n of (a)_n (b)_n / (c)_n * z^n / n! (Abramowitz &amp; Stegun 15.1.1), which
     * converges for |z| &lt; 1. Each term is the previous one times (a+n)(b+n) z / ((c+n)(n+1)), so no
     * factorials overflow. We stop once the terms shrink (that ratio below 1) and the last one no longer
     * changes the sum. Only the direct series: with large a, b and z near 1 the sum itself overflows (see
     * {@link #scaledTail}); kept as the reference the tests compare the transformed form against.
     *
     * @throws ArithmeticException when c is 0 or a negative integer, or the series does not converge within a million terms
     */
    static double f21(double a, double b, double c, double z) {
        if (!(Math.abs(z) < 1) || (c <= 0 && c == Math.rint(c))) {
            throw new ArithmeticException("2F1 series needs |z| < 1 and c not in {0, -1, -2, ...}, got z=" + z + ", c=" + c);
        }
        return 1 + series(a * b * z / c, a, b, c, z);
    }

    /**
     * (c / b) * (2F1(a, b; c; z) - 1) = sum over n &gt;= 1 of (a)_n (b+1)_{n-1} / (c+1)_{n-1} * z^n / n!: the
     * series without its leading 1 and with the factor b / c divided out, so it is finite and smooth at b = 0
     * and at c = 0 (BG/NBD's c = a+b+x-1 can be 0 or negative for x = 0), for any c &gt; -1 and 0 &lt;= z &lt; 1.
     *
     * @throws ArithmeticException when the series does not converge within a million terms (z too close to 1)
     */
    static double scaledTail(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1) || !(c > -1)) {
            throw new ArithmeticException("scaled 2F1 tail needs 0 <= z < 1 and c > -1, got z=" + z + ", c=" + c);
        }
        return series(a * z, a, b, c, z);
    }

    /**
     * ln 2F1(a, b; c; z) for a, b, c &gt; 0 and 0 &lt;= z &lt; 1, summed in log space: every term is positive, so
     * the sum is accumulated by log-sum-exp and stays finite where 2F1 itself overflows (large a or b with z near 1).
     *
     * @throws ArithmeticException when the series does not converge within a million terms
     */
    static double logF21(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1) || !(a > 0 && b > 0 && c > 0)) {
            throw new ArithmeticException("log 2F1 needs 0 <= z < 1 and a, b, c > 0, got " + a + ", " + b + ", " + c + ", " + z);
        }
        if (z == 0) {
            return 0;
        }
        double logTerm = 0;
        double logSum = 0;
        double logZ = Math.log(z);
        double logEps = Math.log(EPS);
        for (int n = 0; n < MAX_TERMS; n++) {
            double logRatio = Math.log((a + n) * (b + n) / ((c + n) * (n + 1))) + logZ;
            logTerm += logRatio;
            logSum = logTerm > logSum ? logTerm + Math.log1p(Math.exp(logSum - logTerm)) : logSum + Math.log1p(Math.exp(logTerm - logSum));
            if (logRatio < 0 && logTerm - logSum <= logEps) {
                return logSum;
            }
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge");
    }

    /** The sum of first + first * prod (a+k)(b+k) z / ((c+k)(k+1)) for k = 1..n, n = 0, 1, ... */
    private static double series(double first, double a, double b, double c, double z) {
        double term = first;
        double sum = first;
        if (term == 0) {
            return 0;
        }
        for (int n = 1; n < MAX_TERMS; n++) {
            double ratio = (a + n) * (b + n) * z / ((c + n) * (n + 1));
            term *= ratio;
            sum += term;
            if (!Double.isFinite(sum)) {
                throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") overflows");
            }
            if (Math.abs(ratio) < 1 && Math.abs(term) <= EPS * Math.abs(sum)) {
                return sum;
            }
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge");
    }
}

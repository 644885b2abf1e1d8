package io.waymark.core.stats;

/** Point estimates and variances of the treatment effect, shared by the frequentist and the sequential test. */
final class Effects {
    private Effects() {
    }

    /** An effect and the variance of its estimator. */
    record Effect(double estimate, double variance) {
        double standardError() {
            return Math.sqrt(variance);
        }
    }

    /** mean(B) − mean(A); the arms are independent, so the variances of the means add. */
    static Effect absolute(ArmMoments a, ArmMoments b) {
        return new Effect(b.mean() - a.mean(), a.varianceOfMean() + b.varianceOfMean());
    }

    /**
     * (mean(B) − mean(A)) / |mean(A)|, or null when the control mean is 0. Its variance by the delta method on the
     * ratio of two independent means (gbstats' {@code variance_of_ratios} with zero covariance):
     * {@code Var(B̄)/Ā² + Var(Ā)·B̄²/Ā⁴}.
     */
    static Effect relative(ArmMoments a, ArmMoments b) {
        double ma = a.mean();
        if (ma == 0) {
            return null;
        }
        double mb = b.mean();
        double variance = b.varianceOfMean() / (ma * ma) + a.varianceOfMean() * mb * mb / (ma * ma * ma * ma);
        return new Effect((mb - ma) / Math.abs(ma), variance);
    }

    /** The Welch–Satterthwaite degrees of freedom of the difference of two means with unequal variances. */
    static double welchDegreesOfFreedom(ArmMoments a, ArmMoments b) {
        double va = a.varianceOfMean();
        double vb = b.varianceOfMean();
        return (va + vb) * (va + vb) / (va * va / (a.n() - 1) + vb * vb / (b.n() - 1));
    }
}

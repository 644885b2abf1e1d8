package io.waymark.core.stats;

/** How a metric's per-unit values are distributed, which fixes the variance estimator and the Bayesian model. */
public enum MetricType {
    /** Values 0/1 (converted or not): Bernoulli variance p(1 − p), beta-binomial posteriors. */
    BINOMIAL,
    /** Any real value per unit (revenue, count of events): sample variance, normal approximation. */
    MEAN
}

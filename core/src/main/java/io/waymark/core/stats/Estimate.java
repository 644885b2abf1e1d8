package io.waymark.core.stats;

/**
 * An effect of the treatment against control with its standard error, a two-sided interval at the test's level
 * and the two-sided p-value of "no effect". Relative effects are fractions (0.041 = +4.1%).
 */
public record Estimate(double estimate, double standardError, double lower, double upper, double pValue) {

    /** Whether the interval lies entirely above zero. */
    public boolean above() {
        return lower > 0;
    }

    /** Whether the interval lies entirely below zero. */
    public boolean below() {
        return upper < 0;
    }
}

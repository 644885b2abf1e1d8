package io.waymark.core.kernel;

import java.util.List;

/**
 * Customer lifetime value (see {@link io.waymark.core.query.ClvSpec}). {@code persons} counts customers (persons
 * with a purchase before the calibration end). Predictions ({@code params}, {@code logLikelihood}, expected
 * figures, {@code pAlive}, {@code churnRisk}) are null for the historical model or when the fit is impossible.
 * {@code warnings} say in words when a fit is valid but its figures should not be trusted.
 */
public record ClvResult(String model, int horizonDays, String calibrationEnd, Params params, Double logLikelihood,
        long persons, Totals totals, List<ChannelValue> byAcquisitionChannel, List<PersonValue> topPersons, List<String> warnings) {

    /** BG/NBD (r, alpha in days, a, b) and Gamma-Gamma (p, q, gamma) estimates; p, q, gamma null without repeat buyers. */
    public record Params(double r, double alpha, double a, double b, Double p, Double q, Double gamma) {
    }

    /** Sums over customers; expected figures cover the horizon after the calibration end. */
    public record Totals(Double expectedPurchases, Double expectedValue, double historicalRevenue) {
    }

    /** Customers by the channel of their first event in scope. */
    public record ChannelValue(String channel, long persons, double historicalRevenue, double meanHistoricalClv,
            Double expectedValue) {
    }

    /** {@code purchases} counts purchase events; {@code revenue} is their summed value to the calibration end. */
    public record PersonValue(String personId, long purchases, double revenue, Double expectedPurchases, Double pAlive,
            Double churnRisk, Double expectedValue) {
    }
}

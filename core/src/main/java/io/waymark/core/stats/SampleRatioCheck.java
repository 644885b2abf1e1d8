package io.waymark.core.stats;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;

/**
 * The sample-ratio-mismatch check: Pearson's chi-square goodness of fit of the units observed per variant against
 * the configured traffic weights. A mismatch means the assignment or the exposure logging is broken and the effects
 * cannot be trusted (Fabijan et al. 2019, "Diagnosing sample ratio mismatch in online controlled experiments", KDD).
 * The default threshold p &lt; 0.001 is GrowthBook's ({@code srmThreshold}, see its "Sample Ratio Mismatch"
 * documentation): strict, because the check runs on every experiment and every look.
 */
public final class SampleRatioCheck {
    public static final double DEFAULT_THRESHOLD = 0.001;

    private SampleRatioCheck() {
    }

    /** @param expected the expected count per variant (weight share × total observed) */
    public record Result(List<Long> observed, List<Double> expected, double chiSquare, int degreesOfFreedom,
                         double pValue, double threshold, boolean mismatch) {
    }

    /** @param weights positive traffic weights per variant (any scale), in the order of {@code observed} */
    public static Result check(List<Long> observed, List<Double> weights, double threshold) {
        if (observed.size() != weights.size() || observed.size() < 2) {
            throw new IllegalArgumentException("need the same number (>= 2) of observed counts and weights");
        }
        double totalWeight = 0;
        long total = 0;
        for (int i = 0; i < observed.size(); i++) {
            if (!(weights.get(i) > 0) || observed.get(i) < 0) {
                throw new IllegalArgumentException("weights must be > 0 and counts >= 0");
            }
            totalWeight += weights.get(i);
            total += observed.get(i);
        }
        List<Double> expected = new ArrayList<>();
        double chi = 0;
        for (int i = 0; i < observed.size(); i++) {
            double e = weights.get(i) / totalWeight * total;
            expected.add(e);
            if (e > 0) {
                chi += (observed.get(i) - e) * (observed.get(i) - e) / e;
            }
        }
        int df = observed.size() - 1;
        double p = total == 0 ? 1 : 1 - new ChiSquaredDistribution(df).cumulativeProbability(chi);
        return new Result(List.copyOf(observed), List.copyOf(expected), chi, df, p, threshold, p < threshold);
    }
}

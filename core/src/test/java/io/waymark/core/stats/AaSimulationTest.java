package io.waymark.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 1,000 simulated A/A experiments (both arms convert at 10%, 100 more units per arm between looks, 20 looks, seeded):
 * how often does each way of reading them declare a difference that is not there?
 *
 * <p>Tolerance: over 1,000 independent experiments the false-positive count is Binomial(1000, 0.05), standard
 * deviation sqrt(0.05 · 0.95 / 1000) = 0.0069, so alpha ± 0.02 is about ±2.9 standard deviations.
 */
class AaSimulationTest {
    private static final double ALPHA = 0.05;
    private static final double TOLERANCE = 0.02;
    private static final int EXPERIMENTS = 1000;
    private static final int LOOKS = 20;
    private static final int UNITS_PER_LOOK = 100;

    @Test
    void falsePositiveRates() {
        SplittableRandom random = new SplittableRandom(20240601);
        FrequentistTest fixed = new FrequentistTest(ALPHA);
        SequentialTest sequential = new SequentialTest(ALPHA, SequentialTest.DEFAULT_TUNING);
        int fixedAtTheEnd = 0;
        int fixedPeeking = 0;
        int sequentialPeeking = 0;
        for (int e = 0; e < EXPERIMENTS; e++) {
            long conversionsA = 0;
            long conversionsB = 0;
            boolean fixedFired = false;
            boolean sequentialFired = false;
            double lastFixedP = 1;
            for (int look = 1; look <= LOOKS; look++) {
                for (int u = 0; u < UNITS_PER_LOOK; u++) {
                    conversionsA += random.nextDouble() < 0.1 ? 1 : 0;
                    conversionsB += random.nextDouble() < 0.1 ? 1 : 0;
                }
                long n = (long) look * UNITS_PER_LOOK;
                ArmMoments a = ArmMoments.of(MetricSummary.conversions(n, conversionsA), MetricType.BINOMIAL);
                ArmMoments b = ArmMoments.of(MetricSummary.conversions(n, conversionsB), MetricType.BINOMIAL);
                lastFixedP = fixed.compare(a, b).absolute().pValue();
                fixedFired |= lastFixedP < ALPHA;
                sequentialFired |= sequential.compare(a, b).absolute().pValue() < ALPHA;
            }
            fixedAtTheEnd += lastFixedP < ALPHA ? 1 : 0;
            fixedPeeking += fixedFired ? 1 : 0;
            sequentialPeeking += sequentialFired ? 1 : 0;
        }
        double atTheEnd = fixedAtTheEnd / (double) EXPERIMENTS;
        double peeking = fixedPeeking / (double) EXPERIMENTS;
        double always = sequentialPeeking / (double) EXPERIMENTS;
        System.out.printf("A/A false-positive rates: fixed test once at the end %.3f, fixed test at every look %.3f, "
                + "sequential test at every look %.3f%n", atTheEnd, peeking, always);
        assertThat(atTheEnd).as("fixed-horizon test read once").isBetween(ALPHA - TOLERANCE, ALPHA + TOLERANCE);
        assertThat(always).as("sequential test read at all %d looks", LOOKS).isLessThanOrEqualTo(ALPHA + TOLERANCE);
        // the naive reading this guards against: stopping the first time the fixed test says p < alpha
        assertThat(peeking).as("fixed test read at all %d looks", LOOKS).isGreaterThan(ALPHA + TOLERANCE);
    }
}

package io.waymark.core.model.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AttributionModelsTest {
    /**
     * States 0 start, 1 C1, 2 C2, 3 C3, 4 conversion, 5 null; journeys C1->C2->conv, C1->null, C2->C3->conv.
     * P(conv) = 2/3; removal effects 1/2, 1, 1/2 (arithmetic in AttributionKernelTest#markovRemovalEffectsOfTheThreeJourneyExample).
     */
    @Test
    void markovThreeJourneyExample() {
        long[][] counts = new long[6][6];
        counts[0][1] = 2;
        counts[0][2] = 1;
        counts[1][2] = 1;
        counts[1][5] = 1;
        counts[2][4] = 1;
        counts[2][3] = 1;
        counts[3][4] = 1;
        var e = MarkovAttribution.removalEffects(counts);
        assertThat(e.conversionProbability()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(e.removalEffects()).containsExactly(new double[] {0.5, 1.0, 0.5}, within(1e-12));
    }

    /** A self-loop on C1 (a repeated channel) changes neither P(conversion) nor the removal effects. */
    @Test
    void markovRepeatsDoNotMatter() {
        long[][] counts = new long[6][6];
        counts[0][1] = 2;
        counts[0][2] = 1;
        counts[1][2] = 1;
        counts[1][5] = 1;
        counts[2][4] = 1;
        counts[2][3] = 1;
        counts[3][4] = 1;
        counts[1][1] = 7;
        var e = MarkovAttribution.removalEffects(counts);
        assertThat(e.conversionProbability()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(e.removalEffects()).containsExactly(new double[] {0.5, 1.0, 0.5}, within(1e-12));
    }

    /** Zhao et al. (2018): the Shapley value of this game splits each journey's value equally among its channels. */
    @Test
    void shapleyMatchesTheSimplifiedFormOfZhaoEtAl() {
        Random rnd = new Random(1);
        for (int n = 1; n <= 8; n++) {
            double[] exact = new double[1 << n];
            double[] simplified = new double[n];
            for (int m = 1; m < exact.length; m++) {
                exact[m] = rnd.nextInt(3) == 0 ? rnd.nextInt(50) : 0;
                for (int i = 0; i < n; i++) {
                    if ((m & (1 << i)) != 0) {
                        simplified[i] += exact[m] / Integer.bitCount(m);
                    }
                }
            }
            assertThat(ShapleyAttribution.values(n, exact)).containsExactly(simplified, within(1e-9));
        }
    }

    @Test
    void shapleyIsExactForFifteenPlayers() {
        double[] exact = new double[1 << 15];
        exact[(1 << 15) - 1] = 15;
        double[] phi = ShapleyAttribution.values(15, exact);
        for (double v : phi) {
            assertThat(v).isCloseTo(1.0, within(1e-9));
        }
    }
}

package io.waymark.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GammaGammaModelTest {
    @Test
    void fitOnCdnowRepeatBuyersMatchesThePublishedEstimates() {
        Cdnow d = Cdnow.withSpend();
        int[] repeat = IntStream.range(0, d.x.length).filter(i -> d.x[i] > 0).toArray();
        assertEquals(946, repeat.length);
        double[] x = new double[repeat.length];
        double[] m = new double[repeat.length];
        double[] w = new double[repeat.length];
        for (int i = 0; i < repeat.length; i++) {
            x[i] = d.x[repeat[i]];
            m[i] = d.zbar[repeat[i]];
            w[i] = 1;
        }
        GammaGammaModel g = GammaGammaModel.fit(x, m, w).model();
        // Fader, Hardie & Lee (2005, JMR) and Fader & Hardie (2013): p = 6.25, q = 3.74, gamma = 15.44
        assertEquals(6.25, g.p(), 0.005);
        assertEquals(3.74, g.q(), 0.005);
        assertEquals(15.44, g.gamma(), 0.05);
    }

    @Test
    void expectedSpendShrinksTowardsThePopulationMean() {
        GammaGammaModel g = new GammaGammaModel(6.25, 3.74, 15.44);
        double population = g.p() * g.gamma() / (g.q() - 1);
        assertEquals(population, g.expectedSpend(0, 0), 1e-12);
        double big = g.expectedSpend(10, 100);
        assertTrue(population < big && big < 100, population + " < " + big + " < 100");
    }
}

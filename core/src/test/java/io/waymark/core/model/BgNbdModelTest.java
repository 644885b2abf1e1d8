package io.waymark.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BgNbdModelTest {
    /** Rounds to three significant figures, the precision of the paper's table. */
    private static double sig3(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).doubleValue();
    }

    @Test
    void fitOnCdnowMatchesThePublishedEstimates() {
        Cdnow d = Cdnow.customers();
        assertEquals(2357, d.x.length);
        BgNbdModel.Fit fit = BgNbdModel.fit(d.x, d.tx, d.bigT, d.ones);
        BgNbdModel m = fit.model();
        // Fader, Hardie & Lee (2005), section 4: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4
        assertEquals(0.243, sig3(m.r()));
        assertEquals(4.41, sig3(m.alpha()));
        assertEquals(0.793, sig3(m.a()));
        assertEquals(2.43, sig3(m.b()));
        assertEquals(4.414, m.alpha(), 0.0005);
        assertEquals(2.426, m.b(), 0.0005);
        assertEquals(-9582.4, fit.logLikelihood(), 0.05);
    }

    @Test
    void indexedLikelihoodEqualsTheSumOverCustomers() {
        Cdnow d = Cdnow.customers();
        BgNbdModel m = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
        double sum = 0;
        for (int i = 0; i < d.x.length; i++) {
            sum += m.logLikelihood(d.x[i], d.tx[i], d.bigT[i]);
        }
        assertEquals(sum, m.logLikelihood(d.x, d.tx, d.bigT, d.ones), 1e-8);
        Cdnow s = Cdnow.withSpend();
        GammaGammaModel g = new GammaGammaModel(6.25, 3.74, 15.44);
        double gg = 0;
        for (int i = 0; i < s.x.length; i++) {
            gg += s.x[i] > 0 ? g.logLikelihood(s.x[i], s.zbar[i]) : 0;
        }
        double[] x = java.util.Arrays.stream(s.x).filter(v -> v > 0).toArray();
        double[] z = java.util.stream.IntStream.range(0, s.x.length).filter(i -> s.x[i] > 0).mapToDouble(i -> s.zbar[i]).toArray();
        double[] w = new double[x.length];
        java.util.Arrays.fill(w, 1);
        assertEquals(gg, g.logLikelihood(x, z, w), 1e-8);
    }

    @Test
    void conditionalExpectationMatchesThePaperExample() {
        // The paper's customer 1: x = 2, t_x = 30.43, T = 38.86 weeks; expected purchases in the next 39 weeks 1.226
        BgNbdModel m = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
        assertEquals(1.226, m.expectedPurchases(39, 2, 30.43, 38.86), 0.001);
    }

    @Test
    void pAliveIsOneWithoutRepeatPurchasesAndFallsWithInactivity() {
        BgNbdModel m = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
        assertEquals(1.0, m.pAlive(0, 0, 38.86));
        double recent = m.pAlive(5, 38, 38.86);
        double lapsed = m.pAlive(5, 10, 38.86);
        assertTrue(recent > lapsed, recent + " > " + lapsed);
        assertTrue(lapsed > 0 && recent < 1);
    }

    @Test
    void expectedPurchasesGrowWithTheHorizon() {
        BgNbdModel m = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
        assertEquals(0, m.expectedPurchases(0, 2, 30.43, 38.86));
        double week = m.expectedPurchases(1, 2, 30.43, 38.86);
        double year = m.expectedPurchases(52, 2, 30.43, 38.86);
        double decade = m.expectedPurchases(520, 2, 30.43, 38.86);
        assertTrue(0 < week && week < year && year < decade, week + " " + year + " " + decade);
    }

    @Test
    void hypergeometricMatchesClosedForms() {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z and 2F1(a, b; b; z) = (1 - z)^-a (A&S 15.1.3, 15.1.8)
        assertEquals(-Math.log(0.9) / 0.1, Hypergeometric.f21(1, 1, 2, 0.1), 1e-14);
        assertEquals(-Math.log(1 - 0.99) / 0.99, Hypergeometric.f21(1, 1, 2, 0.99), 1e-11);
        assertEquals(Math.pow(1 - 0.7, -2.5), Hypergeometric.f21(2.5, 3, 3, 0.7), 1e-11);
    }
}

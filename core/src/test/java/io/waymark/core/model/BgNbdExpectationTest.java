package io.waymark.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Eq. 10 through Euler's transformation: finite for any x and horizon, equal to the direct series where that converges. */
class BgNbdExpectationTest {

    @Test
    void paperExampleStillHolds() {
        BgNbdModel m = new BgNbdModel(0.243, 4.414, 0.793, 2.426);
        assertEquals(1.226, m.expectedPurchases(39, 2, 30.43, 38.86), 0.001);
        assertEquals(m.expectedPurchasesDirect(39, 2, 30.43, 38.86), m.expectedPurchases(39, 2, 30.43, 38.86), 1e-12);
    }

    @Test
    void largeFrequenciesAndLongHorizonsStayFiniteAndMonotone() {
        BgNbdModel m = new BgNbdModel(0.3, 50, 0.8, 2.5);
        double bigT = 3000;
        // Monotone in x for a recent last purchase; with a long gap since it, high frequency makes the gap
        // suspicious and P(alive) falls faster than the rate rises (the paper's iso-value curves), so there
        // only finiteness is required.
        for (double recency : new double[] {bigT, bigT - 1, bigT - 30}) {
            boolean monotone = recency >= bigT - 1;
            double previous = -1;
            for (int x = 0; x <= 2000; x++) {
                double e = m.expectedPurchases(3650, x, x == 0 ? 0 : recency, bigT);
                assertTrue(Double.isFinite(e) && e >= 0, "x=" + x + " tx=" + recency + ": " + e);
                if (x > 0 && monotone) {
                    assertTrue(e >= previous, "not monotone at x=" + x + " tx=" + recency + ": " + previous + " -> " + e);
                }
                previous = e;
            }
        }
        // the direct series overflows here: that was the bug
        assertThrows(ArithmeticException.class, () -> m.expectedPurchasesDirect(3650, 2000, bigT, bigT));
    }

    @Test
    void largeBetaParametersUseTheDirectSeriesInLogSpace() {
        // a fit seen on synthetic data: a and b near 3e5 and 9e5, where the transformed series overflows
        BgNbdModel m = new BgNbdModel(1.2, 30, 299149, 927630);
        for (int x : new int[] {0, 1, 5, 40}) {
            double direct = m.expectedPurchasesDirect(365, x, x == 0 ? 0 : 50, 100);
            assertEquals(direct, m.expectedPurchases(365, x, x == 0 ? 0 : 50, 100), 1e-9 * direct, "x=" + x);
        }
        double previous = 0;
        for (int x = 0; x <= 2000; x += 10) {
            double e = m.expectedPurchases(3650, x, 3000, 3000);
            assertTrue(Double.isFinite(e) && e >= previous, "x=" + x + ": " + e);
            previous = e;
        }
    }

    @Test
    void eulerFormEqualsTheDirectSeriesWhereItConverges() {
        SplittableRandom random = new SplittableRandom(42);
        int compared = 0;
        for (int i = 0; i < 2000; i++) {
            double scale = i % 4 == 0 ? 1000 : 1;
            BgNbdModel m = new BgNbdModel(0.05 + 5 * random.nextDouble(), 0.5 + 100 * random.nextDouble(),
                    0.05 + 5 * scale * random.nextDouble(), 0.05 + 5 * scale * random.nextDouble());
            if (Math.abs(m.a() - 1) < 1e-3) {
                continue;
            }
            int x = random.nextInt(0, 40);
            double bigT = 1 + 500 * random.nextDouble();
            double tx = x == 0 ? 0 : bigT * random.nextDouble();
            double t = 1 + 1000 * random.nextDouble();
            double direct;
            try {
                direct = m.expectedPurchasesDirect(t, x, tx, bigT);
            } catch (ArithmeticException e) {
                continue;
            }
            if (!Double.isFinite(direct) || m.a() + m.b() + x - 1 <= 0) {
                continue;
            }
            double euler = m.expectedPurchases(t, x, tx, bigT);
            assertEquals(direct, euler, 1e-9 * Math.abs(direct), m + " x=" + x + " tx=" + tx + " T=" + bigT + " t=" + t);
            compared++;
        }
        assertTrue(compared > 1000, "compared " + compared);
    }

    @Test
    void oneTimeBuyersWithSmallABAreScored() {
        // x = 0 and a + b < 1: eq. 10's c = a+b-1 is negative, where the old guard threw
        BgNbdModel m = new BgNbdModel(0.5, 10, 0.3, 0.4);
        double e = m.expectedPurchases(365, 0, 0, 100);
        assertTrue(Double.isFinite(e) && e > 0, "" + e);
        // continuous in a+b across 1 (c = 0 is a removable singularity)
        double below = new BgNbdModel(0.5, 10, 0.3, 0.7 - 1e-9).expectedPurchases(365, 0, 0, 100);
        double at = new BgNbdModel(0.5, 10, 0.3, 0.7).expectedPurchases(365, 0, 0, 100);
        double above = new BgNbdModel(0.5, 10, 0.3, 0.7 + 1e-9).expectedPurchases(365, 0, 0, 100);
        assertTrue(Double.isFinite(at));
        assertEquals(at, below, 1e-6 * at);
        assertEquals(at, above, 1e-6 * at);
        // and at a = 1, where eq. 10 divides by a - 1
        double a1 = new BgNbdModel(0.5, 10, 1, 2).expectedPurchases(365, 3, 50, 100);
        double a1plus = new BgNbdModel(0.5, 10, 1 + 1e-7, 2).expectedPurchases(365, 3, 50, 100);
        assertEquals(a1plus, a1, 1e-5 * a1);
    }
}

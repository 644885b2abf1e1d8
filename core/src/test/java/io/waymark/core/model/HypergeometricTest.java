package io.waymark.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HypergeometricTest {

    @Test
    void knownValues() {
        // 2F1(1, 1; 2; z) = -ln(1-z)/z
        assertEquals(-Math.log(0.5) / 0.5, Hypergeometric.f21(1, 1, 2, 0.5), 1e-14);
        // negative non-integer c is fine: 2F1(a, b; b; z) = (1-z)^-a
        assertEquals(Math.pow(0.7, -0.4), Hypergeometric.f21(0.4, -0.5, -0.5, 0.3), 1e-14);
    }

    @Test
    void logSeriesEqualsTheSeriesAndGoesBeyondItsOverflow() {
        assertEquals(Math.log(-Math.log(0.5) / 0.5), Hypergeometric.logF21(1, 1, 2, 0.5), 1e-14);
        assertEquals(Math.log(Hypergeometric.f21(2.3, 4.1, 3.7, 0.9)), Hypergeometric.logF21(2.3, 4.1, 3.7, 0.9), 1e-12);
        // 2F1(a, b; b; z) = (1-z)^-a, far beyond Double.MAX_VALUE for a = 2000, z = 0.9
        assertEquals(2000 * Math.log(10), Hypergeometric.logF21(2000, 5, 5, 0.9), 1e-9 * 2000 * Math.log(10));
    }

    @Test
    void scaledTailIsTheSeriesWithoutItsHeadTimesCOverB() {
        double a = 1.7;
        double b = -0.3;
        double c = 2.2;
        double z = 0.8;
        assertEquals(c / b * (Hypergeometric.f21(a, b, c, z) - 1), Hypergeometric.scaledTail(a, b, c, z), 1e-13);
        // c = 0 and c in (-1, 0) are allowed
        double at0 = Hypergeometric.scaledTail(a, b, 0, z);
        assertEquals(at0, Hypergeometric.scaledTail(a, b, 1e-12, z), 1e-9);
        assertEquals(-0.4 / b * (Hypergeometric.f21(a, b, -0.4, z) - 1), Hypergeometric.scaledTail(a, b, -0.4, z), 1e-12);
    }
}

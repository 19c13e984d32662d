package org.neuralode.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ButcherTableauTest {

    /**
     * Residuals of the order conditions are rounding-level for correct double coefficients: the largest
     * coefficients are ~13 and each condition sums ~50 products, so ~1e-14; a wrong digit anywhere
     * in a Tsit5 coefficient beyond the ~10th would exceed 1e-13.
     */
    private static final double ORDER_TOL = 1e-13;

    @Test
    void namedTableausSatisfyTheirOrderConditions() {
        for (ButcherTableau t : Tableaus.ALL) {
            assertOrderConditions(t, t.b(), t.order());
            if (t.embedded()) {
                assertOrderConditions(t, embeddedWeights(t), t.embeddedOrder());
            }
        }
    }

    @Test
    void tsit5EmbeddedPairIsNotOrderFive() {
        // guards against bError = 0 or bHat = b by mistake: the embedded solution must fail order 5
        double[] bHat = embeddedWeights(Tableaus.TSIT5);
        double maxResidual = 0;
        for (double r : OrderConditions.residuals(Tableaus.TSIT5.a(), Tableaus.TSIT5.c(), bHat, 5)) {
            maxResidual = Math.max(maxResidual, Math.abs(r));
        }
        assertTrue(maxResidual > 1e-6, "embedded Tsit5 should be only 4th order: " + maxResidual);
    }

    @Test
    void byNameIgnoresCaseAndListsAllowedNames() {
        assertSame(Tableaus.TSIT5, Tableaus.byName("Tsit5"));
        assertSame(Tableaus.DOPRI5, Tableaus.byName("DOPRI5"));
        assertSame(Tableaus.RK4, Tableaus.byName("rk4"));
        assertSame(Tableaus.EULER, Tableaus.byName(" euler "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tableaus.byName("heun"));
        assertTrue(e.getMessage().contains("heun") && e.getMessage().contains("tsit5, dopri5, rk4, euler"),
                e.getMessage());
    }

    @Test
    void rejectsInconsistentTableaus() {
        double[][] a = {{}, {0.5}};
        // row sum != c
        assertThrows(IllegalArgumentException.class, () ->
                new ButcherTableau("x", new double[] {0, 0.4}, a, new double[] {0, 1}, null, 2, 0, false));
        // b does not sum to 1
        assertThrows(IllegalArgumentException.class, () ->
                new ButcherTableau("x", new double[] {0, 0.5}, a, new double[] {0, 0.9}, null, 2, 0, false));
        // error weights do not sum to 0
        assertThrows(IllegalArgumentException.class, () ->
                new ButcherTableau("x", new double[] {0, 0.5}, a, new double[] {0, 1}, new double[] {1, 0}, 2, 1,
                        false));
        // not lower triangular
        assertThrows(IllegalArgumentException.class, () ->
                new ButcherTableau("x", new double[] {0, 0.5}, new double[][] {{0}, {0.5}}, new double[] {0, 1},
                        null, 2, 0, false));
        // midpoint is fine
        ButcherTableau mid = new ButcherTableau("mid", new double[] {0, 0.5}, a, new double[] {0, 1}, null, 2, 0,
                false);
        assertEquals(2, mid.stages());
    }

    @Test
    void fixedStepDropsTheEmbeddedPair() {
        ButcherTableau f = Tableaus.TSIT5.fixedStep();
        assertEquals("tsit5-fixed", f.name());
        assertTrue(!f.embedded() && f.embeddedOrder() == 0 && f.order() == 5);
    }

    static double[] embeddedWeights(ButcherTableau t) {
        double[] bHat = t.b().clone();
        for (int i = 0; i < bHat.length; i++) {
            bHat[i] -= t.bError()[i];
        }
        return bHat;
    }

    private static void assertOrderConditions(ButcherTableau t, double[] b, int order) {
        double[] res = OrderConditions.residuals(t.a(), t.c(), b, order);
        for (int i = 0; i < res.length; i++) {
            assertEquals(0.0, res[i], ORDER_TOL, t.name() + " order condition " + i + " (order " + order + ")");
        }
    }
}

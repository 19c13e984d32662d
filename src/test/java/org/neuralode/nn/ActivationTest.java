package org.neuralode.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActivationTest {

    private static final double[] XS = {-2.5, -0.3, 0.7, 3.2};

    /**
     * Golden values f(XS[i]) to 17 digits, computed with mpmath at 40 digits from the jax.nn definitions
     * (script: see {@code GOLDEN_SCRIPT} below).
     */
    private static final Object[][] GOLDEN = {
            {"TANH", -0.98661429815143029, -0.29131261245159091, 0.6043677771171635, 0.99668239783965116},
            {"SIGMOID", 0.075858180021243551, 0.42555748318834101, 0.66818777216816611, 0.96083427720323564},
            {"SOFTPLUS", 0.078889734292549623, 0.55435524446852712, 1.1031860488854579, 3.2399533331624304},
            {"RELU", 0.0, 0.0, 0.7, 3.2},
            {"CELU", -0.9179150013761012, -0.25918177931828213, 0.7, 3.2},
            {"SELU", -1.6137857588732425, -0.45566731537912209, 0.73549069114883635, 3.3622431595375376},
            {"SILU", -0.18964545005310888, -0.1276672449565023, 0.46773144051771627, 3.0746696870503541},
            {"SOFT_SIGN", -0.71428571428571429, -0.23076923076923077, 0.41176470588235294, 0.7619047619047619},
            {"MISH", -0.19681620390653334, -0.15113317713833457, 0.5611483776438519, 3.1901977316371822},
            {"GELU", -0.015084266089998582, -0.11462907645724075, 0.53057013470511675, 3.1981304348379157},
            {"ELU", -0.9179150013761012, -0.25918177931828213, 0.7, 3.2},
            {"LEAKY_RELU", -0.025, -0.003, 0.7, 3.2},
            {"HARD_SWISH", -0.20833333333333333, -0.135, 0.43166666666666667, 3.2},
            {"HARD_SIGMOID", 0.083333333333333333, 0.45, 0.61666666666666667, 1.0},
            {"HARD_TANH", -1.0, -0.3, 0.7, 1.0},
            {"IDENTITY", -2.5, -0.3, 0.7, 3.2},
    };

    @SuppressWarnings("unused")
    private static final String GOLDEN_SCRIPT = """
            from mpmath import mp, mpf, tanh, exp, expm1, log, sqrt, pi
            mp.dps = 40
            sig = lambda x: 1/(1+exp(-x)); sp = lambda x: log(1+exp(x)); hs = lambda x: min(max(x+3, 0), 6)/6
            L, A = mpf('1.0507009873554805'), mpf('1.6732632423543772')
            f = {'TANH': tanh, 'SIGMOID': sig, 'SOFTPLUS': sp, 'RELU': lambda x: max(x, 0),
             'CELU': lambda x: x if x > 0 else expm1(x), 'SELU': lambda x: L*(x if x > 0 else A*expm1(x)),
             'SILU': lambda x: x*sig(x), 'SOFT_SIGN': lambda x: x/(abs(x)+1), 'MISH': lambda x: x*tanh(sp(x)),
             'GELU': lambda x: x/2*(1+tanh(sqrt(2/pi)*(x+mpf('0.044715')*x**3))),
             'ELU': lambda x: x if x > 0 else expm1(x), 'LEAKY_RELU': lambda x: x if x >= 0 else mpf('0.01')*x,
             'HARD_SWISH': lambda x: x*hs(x), 'HARD_SIGMOID': hs,
             'HARD_TANH': lambda x: 1 if x > 1 else (-1 if x < -1 else x), 'IDENTITY': lambda x: x}
            for k, g in f.items():
                print(k, [mp.nstr(mpf(g(x)), 17) for x in [mpf('-2.5'), mpf('-0.3'), mpf('0.7'), mpf('3.2')]])
            """;

    /** Kink points per activation, where the finite-difference check does not apply. */
    private static double[] kinks(Activation a) {
        return switch (a) {
            case RELU, LEAKY_RELU -> new double[] {0.0};
            case HARD_SIGMOID, HARD_SWISH -> new double[] {-3.0, 3.0};
            case HARD_TANH -> new double[] {-1.0, 1.0};
            default -> new double[0];
        };
    }

    @Test
    void valuesMatchGoldenJaxDefinitions() {
        Set<Activation> seen = EnumSet.noneOf(Activation.class);
        for (Object[] row : GOLDEN) {
            Activation a = Activation.valueOf((String) row[0]);
            seen.add(a);
            for (int i = 0; i < XS.length; i++) {
                double expected = (Double) row[i + 1];
                // Math.exp/tanh/log1p are within 1-2 ulp; a few composed operations stay well below 1e-14
                // relative. -0.3 is not exact in binary (1e-17 relative), which is far below it too.
                assertEquals(expected, a.value(XS[i]), 1e-14 * Math.max(1.0, Math.abs(expected)),
                        a + " at " + XS[i]);
            }
        }
        assertEquals(EnumSet.allOf(Activation.class), seen, "every activation has golden values");
    }

    @Test
    void derivativeMatchesCentralDifferencesAwayFromKinks() {
        double h = 1e-5;
        for (Activation a : Activation.values()) {
            for (double x = -7.3; x <= 7.3; x += 0.173) {
                if (nearKink(a, x, 10 * h)) {
                    continue;
                }
                double fd = (a.value(x + h) - a.value(x - h)) / (2 * h);
                // truncation h^2/6 |f'''| <= ~1e-10 for these smooth pieces; rounding eps*|f|/h <= ~1e-10.
                assertEquals(fd, a.derivative(x), 1e-8, a + " at " + x);
                assertEquals(a.derivative(x), a.derivative(x, a.value(x)), 0.0, a + " two-argument form");
            }
        }
    }

    @Test
    void expm1DerivativesFromTheForwardValueStayWithinRoundingOfExp() {
        // Below zero celu, elu and selu differentiate as JAX does, expm1'(x) = expm1(x) + 1 from the forward
        // value: the absolute error is the rounding of expm1 (|fx| <= 1, so <= 1.1e-16) plus that of the sum.
        double ls = Activation.SELU_SCALE * Activation.SELU_ALPHA;
        for (double x = -40.0; x <= 0.0; x += 0.0625) {
            assertEquals(Math.exp(x), Activation.CELU.derivative(x), 2.5e-16, "celu at " + x);
            assertEquals(Math.exp(x), Activation.ELU.derivative(x), 2.5e-16, "elu at " + x);
            assertEquals(ls * Math.exp(x), Activation.SELU.derivative(x), 2.5e-16 * ls * 2, "selu at " + x);
        }
    }

    private static boolean nearKink(Activation a, double x, double margin) {
        for (double k : kinks(a)) {
            if (Math.abs(x - k) < margin) {
                return true;
            }
        }
        return false;
    }

    @Test
    void kinkDerivativesFollowJaxAutodiff() {
        assertEquals(0.0, Activation.RELU.derivative(0.0));
        assertEquals(1.0, Activation.LEAKY_RELU.derivative(0.0));
        assertEquals(1.0, Activation.HARD_TANH.derivative(1.0));
        assertEquals(1.0, Activation.HARD_TANH.derivative(-1.0));
        assertEquals(0.0, Activation.HARD_SIGMOID.derivative(3.0));
        assertEquals(0.0, Activation.HARD_SIGMOID.derivative(-3.0));
        assertEquals(1.0, Activation.HARD_SWISH.derivative(3.0)); // hs(3) + 3 * 0
        assertEquals(1.0, Activation.CELU.derivative(0.0));
        assertEquals(Activation.SELU_SCALE * Activation.SELU_ALPHA, Activation.SELU.derivative(0.0));
    }

    @Test
    void stableForLargeArguments() {
        for (Activation a : Activation.values()) {
            for (double x : new double[] {-800, -40, 40, 800}) {
                assertTrue(Double.isFinite(a.value(x)), a + " value at " + x);
                assertTrue(Double.isFinite(a.derivative(x)), a + " derivative at " + x);
            }
        }
        assertEquals(800.0, Activation.SOFTPLUS.value(800), 0.0);
        assertEquals(0.0, Activation.SOFTPLUS.value(-800), 0.0);
        assertEquals(Math.exp(-40), Activation.SOFTPLUS.value(-40), 1e-30);
        assertEquals(Math.exp(-40), Activation.SIGMOID.derivative(40), 1e-30);
        assertEquals(Math.exp(-40), Activation.SIGMOID.value(-40), 1e-30);
        assertEquals(800.0, Activation.MISH.value(800), 0.0);
        assertEquals(1.0, Activation.MISH.derivative(800), 0.0);
        assertEquals(0.0, Activation.MISH.value(-800), 0.0);
        assertEquals(1.0, Activation.SILU.derivative(800), 0.0);
        assertEquals(0.0, Activation.SILU.derivative(-800), 0.0);
    }

    @Test
    void byNameIsCaseInsensitiveAndKnowsAliases() {
        for (Activation a : Activation.values()) {
            assertSame(a, Activation.byName(a.catalaxName()));
            assertSame(a, Activation.byName(a.catalaxName().toUpperCase()));
        }
        assertSame(Activation.SILU, Activation.byName("silu"));
        assertSame(Activation.SILU, Activation.byName("Swish"));
        assertEquals("swish", Activation.SILU.catalaxName());
        assertSame(Activation.HARD_SWISH, Activation.byName("hard_silu"));
        assertEquals("celu", Activation.CELU.catalaxName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Activation.byName("relu7"));
        assertTrue(e.getMessage().contains("relu7") && e.getMessage().contains("soft_sign")
                && e.getMessage().contains("hard_tanh"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Activation.byName(null));
    }
}

package org.neuralode.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuralode.InputException;

class ExpressionTest {

    private static final List<String> SLOTS = List.of("t", "x", "y", "K_m", "v2");
    private static final double[] VALUES = {0.5, 3.0, -2.0, 100.0, 0.25};

    private static double eval(String text) {
        return Expression.parse(text, "test", SLOTS).evaluate(VALUES);
    }

    @Test
    void precedenceAndAssociativity() {
        assertEquals(14, eval("2 + 3 * 4"));
        assertEquals(20, eval("(2 + 3) * 4"));
        assertEquals(-5, eval("2 - 3 - 4"), "left-associative minus");
        assertEquals(1, eval("8 / 4 / 2"), "left-associative division");
        assertEquals(512, eval("2 ^ 3 ^ 2"), "right-associative power");
        assertEquals(512, eval("2 ** 3 ** 2"));
        assertEquals(64, eval("(2 ** 3) ** 2"));
        assertEquals(-4, eval("-2^2"), "unary minus binds weaker than power");
        assertEquals(4, eval("(-2)^2"));
        assertEquals(0.5, eval("2^-1"), "unary minus in an exponent");
        assertEquals(6, eval("-x*y"));
        assertEquals(3, eval("+x"));
        assertEquals(5, eval("x - -2"));
        assertEquals(-1.5, eval("x*y/4"));
        assertEquals(10 - 3.0 * 9, eval("10 - x*x^2"));
    }

    @Test
    void numbersAndSymbols() {
        assertEquals(1e-3, eval("1e-3"));
        assertEquals(150, eval("1.5E+2"));
        assertEquals(0.5, eval(".5"));
        assertEquals(3, eval("3."));
        assertEquals(100.25, eval("K_m + v2"));
        assertEquals(0.5, eval("t"));
        assertEquals(-7 * 3 / (100 + 3.0), eval("-7*x/(K_m + x)"));
    }

    @Test
    void functions() {
        assertEquals(Math.exp(3), eval("exp(x)"));
        assertEquals(Math.log(3), eval("log(x)"));
        assertEquals(Math.log(3), eval("ln(x)"));
        assertEquals(Math.sqrt(100), eval("sqrt(K_m)"));
        assertEquals(2, eval("abs(y)"));
        assertEquals(2, eval("Abs(y)"), "SymPy spelling");
        assertEquals(Math.sin(0.5), eval("sin(t)"));
        assertEquals(Math.cos(0.5), eval("cos(t)"));
        assertEquals(Math.tan(0.5), eval("tan(t)"));
        assertEquals(Math.tanh(-2), eval("tanh(y)"));
        assertEquals(9, eval("pow(x, 2)"));
        assertEquals(-2, eval("min(x, y)"));
        assertEquals(3, eval("Max(x, y)"));
        assertEquals(Math.exp(-Math.sqrt(9)), eval("exp(-sqrt(x^2))"));
        assertEquals(List.of("x", "K_m"), Expression.parse("x/(K_m + x)", "s", SLOTS).symbols());
    }

    @Test
    void errorsNameTheEquationAndColumn() {
        assertError("2 *", "column 4", "unexpected end");
        assertError("(1 + x", "column 7", "expected ')'");
        assertError("x + q", "column 5", "undefined symbol 'q'");
        assertError("foo(x)", "column 1", "unknown function 'foo'");
        assertError("max(x)", "column 1", "takes 2 argument(s)");
        assertError("1e", "column 2", "malformed exponent");
        assertError("x $ 2", "column 3", "unexpected '$'");
        assertError("x y", "column 3", "unexpected 'y'");
        assertError("  ", "column 3", "empty expression");
        assertError("2 * * 3", "column 5", "unexpected '*'");
        assertError("2 * .e1", "column 5", "malformed number '.e1'"); // found by fuzzing the Catalax model reader
        assertError("x + .", "column 5", "malformed number '.'");
    }

    private static void assertError(String text, String column, String what) {
        InputException e = assertThrows(InputException.class, () -> Expression.parse(text, "m.yaml: odes.S", SLOTS));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("m.yaml: odes.S: equation '" + text + "'"), msg);
        assertTrue(msg.contains(column) && msg.contains(what), msg);
    }

    /**
     * Reverse-mode derivative against central differences. Step 1e-6 * max(1, |x|): truncation
     * ~h^2 f'''/6 ~ 1e-12 relative, rounding ~1e-16 |f| / h ~ 1e-10 relative for these O(1..100)
     * values; tolerance 1e-7 relative (plus 1e-9 absolute for near-zero partials).
     */
    @Test
    void gradientMatchesCentralDifferences() {
        String[] texts = {
            "-v_max*x/(K_m + x)", "x^y", "exp(-x*t) + sin(y*t)", "sqrt(x*x + y*y)", "log(x)/tanh(y)",
            "pow(x, 2.5) - abs(y)^0.5", "min(x, y) * max(x*t, y)", "tan(t*x) - cos(y) ** 3", "x - -y / (1 + t^2)",
            "2^x * ln(K_m)"
        };
        List<String> slots = List.of("t", "x", "y", "K_m", "v_max");
        SplittableRandom rng = new SplittableRandom(3);
        for (String text : texts) {
            Expression e = Expression.parse(text, "test", slots);
            for (int trial = 0; trial < 5; trial++) {
                double[] v = {0.1 + rng.nextDouble(), 0.5 + 2 * rng.nextDouble(), 0.2 + rng.nextDouble(),
                    50 + 100 * rng.nextDouble(), 1 + 10 * rng.nextDouble()};
                double[] grad = new double[5];
                double[] scratch = new double[e.scratchSize()];
                double value = e.gradient(v, scratch, 1.0, grad);
                assertEquals(e.evaluate(v), value, 0.0);
                for (int j = 0; j < 5; j++) {
                    double h = 1e-6 * Math.max(1, Math.abs(v[j]));
                    double[] up = v.clone();
                    double[] down = v.clone();
                    up[j] += h;
                    down[j] -= h;
                    double fd = (e.evaluate(up) - e.evaluate(down)) / (2 * h);
                    assertEquals(fd, grad[j], 1e-7 * Math.abs(fd) + 1e-9, text + " d/d" + slots.get(j));
                }
            }
        }
    }

    @Test
    void gradientAccumulatesWithTheSeed() {
        Expression e = Expression.parse("x*y", "test", SLOTS);
        double[] g = {0, 1, 1, 0, 0};
        e.gradient(VALUES, new double[e.scratchSize()], 2.0, g);
        assertEquals(1 + 2 * VALUES[2], g[1]);
        assertEquals(1 + 2 * VALUES[1], g[2]);
    }
}

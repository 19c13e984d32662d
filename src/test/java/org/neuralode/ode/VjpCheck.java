package org.neuralode.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/**
 * Checks a field's vector-Jacobian product against central differences of {@code v . f}, for every state
 * and every parameter: step {@code h = 1e-6 * max(1, |x|)}, whose truncation (~h^2 f''') and rounding
 * (~1e-16 |f| / h) errors are ~1e-10 relative for the smooth fields tested, so a relative tolerance of
 * {@code rel} (1e-7 or 1e-6) plus {@code 1e-10} absolute for vanishing components leaves a wide margin.
 */
public final class VjpCheck {

    private VjpCheck() {
    }

    /**
     * Asserts the vjp at {@code (t, y, theta)} with cotangent {@code v} matches central differences.
     *
     * @param names a label per parameter for messages (or empty for indices)
     */
    public static void assertVjp(VectorField field, double t, double[] y, double[] theta, double[] v, double rel,
                                 List<String> names) {
        VectorField.Evaluator ev = field.newEvaluator();
        double[] yBar = new double[y.length];
        double[] thetaBar = new double[theta.length];
        ev.vjp(t, y, 0, theta, v, 0, yBar, 0, thetaBar);
        for (int i = 0; i < y.length; i++) {
            double h = 1e-6 * Math.max(1, Math.abs(y[i]));
            double[] up = y.clone();
            double[] down = y.clone();
            up[i] += h;
            down[i] -= h;
            double fd = (dot(v, ev, t, up, theta) - dot(v, ev, t, down, theta)) / (2 * h);
            assertEquals(fd, yBar[i], rel * Math.abs(fd) + 1e-10, "d/dy" + i);
        }
        for (int p = 0; p < theta.length; p++) {
            double h = 1e-6 * Math.max(1, Math.abs(theta[p]));
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[p] += h;
            down[p] -= h;
            double fd = (dot(v, ev, t, y, up) - dot(v, ev, t, y, down)) / (2 * h);
            assertEquals(fd, thetaBar[p], rel * Math.abs(fd) + 1e-10, "d/d" + (names.isEmpty() ? "theta" + p
                    : names.get(p)));
        }
    }

    private static double dot(double[] v, VectorField.Evaluator ev, double t, double[] y, double[] theta) {
        double[] f = new double[v.length];
        ev.eval(t, y, 0, theta, f, 0);
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i] * f[i];
        }
        return s;
    }
}

package org.neuralode.ode;

import java.util.Arrays;

/** Vector fields with known properties for the solver tests, and a Hipparchus oracle. */
final class TestFields {

    /** Right-hand side on plain arrays (tests may allocate). */
    interface Rhs {
        void f(double t, double[] y, double[] theta, double[] dy);
    }

    /** Vector-Jacobian product on plain arrays: accumulates into yBar and thetaBar. */
    interface Vjp {
        void vjp(double t, double[] y, double[] theta, double[] v, double[] yBar, double[] thetaBar);
    }

    private TestFields() {
    }

    static VectorField of(int dim, int numParams, Rhs rhs, Vjp vjp) {
        return new VectorField() {
            @Override
            public int dim() {
                return dim;
            }

            @Override
            public int numParams() {
                return numParams;
            }

            @Override
            public Evaluator newEvaluator() {
                return new Evaluator() {
                    @Override
                    public void eval(double t, double[] y, int yOff, double[] theta, double[] out, int outOff) {
                        double[] dy = new double[dim];
                        rhs.f(t, Arrays.copyOfRange(y, yOff, yOff + dim), theta, dy);
                        System.arraycopy(dy, 0, out, outOff, dim);
                    }

                    @Override
                    public void vjp(double t, double[] y, int yOff, double[] theta, double[] cot, int cotOff,
                                    double[] yBar, int yBarOff, double[] thetaBar) {
                        double[] yb = new double[dim];
                        vjp.vjp(t, Arrays.copyOfRange(y, yOff, yOff + dim), theta,
                                Arrays.copyOfRange(cot, cotOff, cotOff + dim), yb, thetaBar);
                        for (int i = 0; i < dim; i++) {
                            yBar[yBarOff + i] += yb[i];
                        }
                    }
                };
            }
        };
    }

    static VectorField withoutVjp(int dim, Rhs rhs) {
        return of(dim, 0, rhs, (t, y, th, v, yb, tb) -> {
            throw new UnsupportedOperationException();
        });
    }

    /** {@code y' = A y}. */
    static VectorField linear(double[][] a) {
        int n = a.length;
        return withoutVjp(n, (t, y, th, dy) -> {
            for (int i = 0; i < n; i++) {
                double acc = 0;
                for (int j = 0; j < n; j++) {
                    acc += a[i][j] * y[j];
                }
                dy[i] = acc;
            }
        });
    }

    /** Michaelis-Menten substrate depletion {@code s' = -vmax s / (km + s)}; theta = (vmax, km). */
    static VectorField michaelisMenten() {
        return of(1, 2, (t, y, th, dy) -> dy[0] = -th[0] * y[0] / (th[1] + y[0]),
                (t, y, th, v, yb, tb) -> {
                    double d = th[1] + y[0];
                    yb[0] += v[0] * (-th[0] * th[1] / (d * d));
                    tb[0] += v[0] * (-y[0] / d);
                    tb[1] += v[0] * (th[0] * y[0] / (d * d));
                });
    }

    /** Lotka-Volterra {@code x' = a x - b x y, y' = d x y - g y}; theta = (a, b, d, g). */
    static VectorField lotkaVolterra() {
        return withoutVjp(2, (t, y, th, dy) -> {
            dy[0] = th[0] * y[0] - th[1] * y[0] * y[1];
            dy[1] = th[2] * y[0] * y[1] - th[3] * y[1];
        });
    }

    /**
     * A non-autonomous nonlinear field with 3 states and 4 parameters (a, b, c, d) for gradient tests:
     * <pre>
     * f0 = -a y0 + b y1 y2 + c sin t
     * f1 = d y0 - a b y1 + 0.1 y2^2
     * f2 = -c y2 / (1 + y0^2) + d cos(b t)
     * </pre>
     */
    static VectorField parametric() {
        return of(3, 4, (t, y, th, dy) -> {
            double a = th[0], b = th[1], c = th[2], d = th[3];
            dy[0] = -a * y[0] + b * y[1] * y[2] + c * Math.sin(t);
            dy[1] = d * y[0] - a * b * y[1] + 0.1 * y[2] * y[2];
            dy[2] = -c * y[2] / (1 + y[0] * y[0]) + d * Math.cos(b * t);
        }, (t, y, th, v, yb, tb) -> {
            double a = th[0], b = th[1], c = th[2], d = th[3];
            double q = 1 + y[0] * y[0];
            yb[0] += -a * v[0] + d * v[1] + v[2] * c * y[2] * 2 * y[0] / (q * q);
            yb[1] += b * y[2] * v[0] - a * b * v[1];
            yb[2] += b * y[1] * v[0] + 0.2 * y[2] * v[1] - c / q * v[2];
            tb[0] += -y[0] * v[0] - b * y[1] * v[1];
            tb[1] += y[1] * y[2] * v[0] - a * y[1] * v[1] - d * t * Math.sin(b * t) * v[2];
            tb[2] += Math.sin(t) * v[0] - y[2] / q * v[2];
            tb[3] += y[0] * v[1] + Math.cos(b * t) * v[2];
        });
    }
}

package org.neuralode.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Nonlinear systems against Hipparchus' DormandPrince853Integrator at rtol = atol = 1e-13. */
class SolverOracleTest {

    /**
     * Allowed global error, in units of the local tolerance {@code atol + rtol*|y|}. The I-controller
     * keeps each local error below that; along these trajectories (tens to hundreds of steps, no
     * strong error amplification over the horizon) the accumulated error stays within a few units.
     * The oracle's own error (~1e-12 relative) is negligible.
     */
    private static final double GLOBAL_FACTOR = 20;

    @Test
    void michaelisMentenAtCatalaxTolerances() {
        double[] theta = {7.0, 100.0};
        // many outputs (landing: steps bounded by the grid; dense: interpolated) and sparse ones
        for (double[] times : new double[][] {linspace(0, 100, 21), {0, 37, 100}}) {
            for (double tol : new double[] {1e-3, 1e-5, 1e-8}) {
                for (ButcherTableau tab : new ButcherTableau[] {Tableaus.TSIT5, Tableaus.DOPRI5}) {
                    for (SolverOptions.SaveAt mode : SolverOptions.SaveAt.values()) {
                        SolverOptions o = SolverOptions.defaults().withTableau(tab).withTolerances(tol, tol)
                                .withSaveAt(mode);
                        check(o, TestFields.michaelisMenten(), theta, new double[] {300}, times, 300);
                    }
                }
            }
        }
    }

    @Test
    void lotkaVolterraOverSeveralCycles() {
        double[] theta = {1.1, 0.4, 0.1, 0.4};
        double[] times = linspace(0, 30, 61);
        for (double rtol : new double[] {1e-4, 1e-7}) {
            for (SolverOptions.SaveAt mode : SolverOptions.SaveAt.values()) {
                SolverOptions o = SolverOptions.defaults().withTolerances(rtol, rtol * 1e-2).withSaveAt(mode);
                // the errors of an oscillator grow over the ~5 cycles: scale reference is the amplitude
                check(o, TestFields.lotkaVolterra(), theta, new double[] {10, 5}, times, 20);
            }
        }
    }

    private static void check(SolverOptions o, VectorField f, double[] theta, double[] y0, double[] times,
                              double magnitude) {
        int n = f.dim();
        double[] out = new double[times.length * n];
        SolveStatus st = new Solver(o).solve(f.newEvaluator(), theta, y0, times[0], times, times.length, out,
                new SolverWorkspace(n, f.numParams()));
        assertEquals(SolveStatus.SUCCESS, st);
        double[] ref = HipparchusOracle.solve(f, theta, y0, times[0], times);
        double tol = GLOBAL_FACTOR * (o.atol() + o.rtol() * magnitude);
        for (int k = 0; k < ref.length; k++) {
            assertEquals(ref[k], out[k], tol, o.tableau().name() + " " + o.saveAt() + " rtol " + o.rtol() + " at index " + k);
        }
    }

    static double[] linspace(double a, double b, int n) {
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = a + (b - a) * k / (n - 1);
        }
        return t;
    }
}

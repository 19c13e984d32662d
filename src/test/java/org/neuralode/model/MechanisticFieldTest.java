package org.neuralode.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuralode.ode.SolveStatus;
import org.neuralode.ode.Solver;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.SolverWorkspace;
import org.neuralode.ode.VectorField;
import org.neuralode.ode.VjpCheck;

class MechanisticFieldTest {

    /** Two coupled species, a constant, time dependence and four parameters. */
    private static final String YAML = """
            name: coupled
            species: [A, B]
            constants: [E]
            parameters: {k1: 0.8, K: 2.0, k2: 0.3, w: 1.7}
            odes:
              A: "-k1*E*A/(K + A) + k2*B^2 + 0.1*sin(w*t)"
              B: "k1*E*A/(K + A) - k2*B^2 - exp(-w*A)*B"
            """;

    private static final MechanisticModel MODEL = MechanisticModel.fromYaml(YAML, "coupled.yaml");

    @Test
    void evaluatesTheEquationsInSpeciesOrder() {
        VectorField f = MODEL.field(Map.of("E", 1.5));
        double[] out = new double[2];
        double[] theta = MODEL.parameterValues();
        f.newEvaluator().eval(0.4, new double[] {9, 3.0, 0.5}, 1, theta, out, 0);
        double rate = 0.8 * 1.5 * 3 / (2 + 3.0);
        assertEquals(-rate + 0.3 * 0.25 + 0.1 * Math.sin(1.7 * 0.4), out[0], 1e-15);
        assertEquals(rate - 0.3 * 0.25 - Math.exp(-1.7 * 3) * 0.5, out[1], 1e-15);
    }

    /** vjp against central differences of {@code v . f} ({@link VjpCheck}: tolerance 1e-7 relative). */
    @Test
    void vjpMatchesCentralDifferences() {
        VectorField f = MODEL.field(Map.of("E", 1.5));
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 5; trial++) {
            double t = rng.nextDouble() * 3;
            double[] y = {0.5 + rng.nextDouble(), 0.2 + rng.nextDouble()};
            double[] v = {rng.nextDouble() - 0.5, rng.nextDouble() - 0.5};
            VjpCheck.assertVjp(f, t, y, MODEL.parameterValues(), v, 1e-7, MODEL.parameterNames());
        }
    }

    /** End to end: solver gradient through the mechanistic field vs central differences of replay. */
    @Test
    void solverGradientThroughTheModelMatchesFiniteDifferences() {
        VectorField f = MODEL.field(Map.of("E", 1.5));
        VectorField.Evaluator ev = f.newEvaluator();
        Solver solver = new Solver(SolverOptions.defaults().withTolerances(1e-6, 1e-8));
        SolverWorkspace ws = new SolverWorkspace(2, 4);
        double[] times = {0.5, 1.0, 2.5, 4.0};
        double[] y0 = {1.0, 0.5};
        double[] theta = MODEL.parameterValues();
        double[] out = new double[8];
        assertEquals(SolveStatus.SUCCESS, solver.solve(ev, theta, y0, 0.0, times, 4, out, ws));
        double[] w = {1, -0.5, 0.3, 0.7, -1, 0.2, 0.9, 0.4};
        double[] thetaBar = new double[4];
        solver.backward(ev, theta, w, null, thetaBar, ws);
        for (int p = 0; p < 4; p++) {
            // FD step as in SolverGradientTest: errors ~1e-10 relative
            double h = 1e-5 * Math.max(1, Math.abs(theta[p]));
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[p] += h;
            down[p] -= h;
            double fd = (replayLoss(solver, ev, up, y0, w, ws) - replayLoss(solver, ev, down, y0, w, ws)) / (2 * h);
            assertEquals(fd, thetaBar[p], 1e-6 * Math.abs(fd), "dL/d" + MODEL.parameterNames().get(p));
        }
    }

    private static double replayLoss(Solver s, VectorField.Evaluator ev, double[] theta, double[] y0, double[] w,
                                     SolverWorkspace ws) {
        double[] out = new double[w.length];
        assertEquals(SolveStatus.SUCCESS, s.replay(ev, theta, y0, out, ws));
        double l = 0;
        for (int k = 0; k < w.length; k++) {
            l += w[k] * out[k];
        }
        return l;
    }

}

package org.neuralode.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Solve, backward and replay on a warm workspace allocate nothing per step. */
class SolverAllocationTest {

    /** Allocation-free damped oscillator {@code x' = v, v' = -theta0 x - theta1 v}. */
    private static final class Damped implements VectorField.Evaluator {
        @Override
        public void eval(double t, double[] y, int yOff, double[] theta, double[] out, int outOff) {
            out[outOff] = y[yOff + 1];
            out[outOff + 1] = -theta[0] * y[yOff] - theta[1] * y[yOff + 1];
        }

        @Override
        public void vjp(double t, double[] y, int yOff, double[] theta, double[] cot, int cotOff, double[] yBar,
                        int yBarOff, double[] thetaBar) {
            double v0 = cot[cotOff];
            double v1 = cot[cotOff + 1];
            yBar[yBarOff] += -theta[0] * v1;
            yBar[yBarOff + 1] += v0 - theta[1] * v1;
            thetaBar[0] += -y[yOff] * v1;
            thetaBar[1] += -y[yOff + 1] * v1;
        }
    }

    @Test
    void warmWorkspaceSolvesWithoutAllocating() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        Damped ev = new Damped();
        double[] theta = {4.0, 0.1};
        double[] y0 = {1, 0};
        double[] times = SolverOracleTest.linspace(0, 200, 50);
        double[] out = new double[100];
        double[] outBar = new double[100];
        java.util.Arrays.fill(outBar, 1.0);
        double[] thetaBar = new double[2];
        double[] y0Bar = new double[2];
        Solver solver = new Solver(SolverOptions.defaults().withTolerances(1e-8, 1e-10).withMaxSteps(100_000));
        SolverWorkspace ws = new SolverWorkspace(2, 2);
        for (int warm = 0; warm < 200; warm++) { // let the JIT settle; grows the workspace once
            solver.solve(ev, theta, y0, 0, times, 50, out, ws);
            solver.backward(ev, theta, outBar, y0Bar, thetaBar, ws);
            solver.replay(ev, theta, y0, out, ws);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        SolveStatus st = solver.solve(ev, theta, y0, 0, times, 50, out, ws);
        solver.backward(ev, theta, outBar, y0Bar, thetaBar, ws);
        solver.replay(ev, theta, y0, out, ws);
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertEquals(SolveStatus.SUCCESS, st);
        assertTrue(ws.recordedSteps() > 1000, "enough steps to notice per-step allocation: " + ws.recordedSteps());
        // one boxed value or small array per step would be > 16 kB here; allow a little for the
        // measurement itself
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes for " + ws.recordedSteps() + " steps");
    }
}

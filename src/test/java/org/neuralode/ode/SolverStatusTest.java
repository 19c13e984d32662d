package org.neuralode.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Failure statuses, counters and argument checks. */
class SolverStatusTest {

    private static final double[] NO_PARAMS = new double[0];

    @Test
    void tooManyStepsIsMaxSteps() {
        VectorField f = TestFields.linear(new double[][] {{-1}});
        SolverOptions o = SolverOptions.defaults().withTolerances(1e-10, 1e-12).withMaxSteps(5);
        SolverWorkspace ws = new SolverWorkspace(1, 0);
        SolveStatus st = new Solver(o).solve(f.newEvaluator(), NO_PARAMS, new double[] {1}, 0,
                new double[] {0, 100}, 2, new double[2], ws);
        assertEquals(SolveStatus.MAX_STEPS, st);
        assertEquals(SolveStatus.MAX_STEPS, ws.lastStatus());
        assertEquals(5, ws.acceptedSteps() + ws.rejectedSteps());
        assertThrows(IllegalStateException.class, () -> new Solver(o).backward(f.newEvaluator(), NO_PARAMS,
                new double[2], null, NO_PARAMS, ws), "no gradient of a failed solve");
    }

    @Test
    void initialStepIsDt0ElseTheFirstIntervalElseTheSpan() {
        SolverOptions auto = SolverOptions.defaults();
        assertEquals(0.25, auto.withDt0(0.25).initialStep(0, new double[] {0, 1, 3}, 3), 0.0);
        assertEquals(1.0, auto.initialStep(0, new double[] {0, 1, 3}, 3), 0.0);
        // a repeated first time: the span from t0 to the last output
        assertEquals(3.0, auto.initialStep(0, new double[] {0, 0, 3}, 3), 0.0);
        assertEquals(2.5, auto.initialStep(0.5, new double[] {3}, 1), 0.0);
        assertEquals(1.0, auto.initialStep(0, new double[0], 0), 0.0);
    }

    @Test
    void aStepWithinTheSlackOfItsTargetReachesIt() {
        assertTrue(Solver.reaches(2.0, 1.0));
        assertTrue(Solver.reaches(1.0 - 1e-12, 1.0));
        assertFalse(Solver.reaches(1.0 - 1e-8, 1.0));
    }

    @Test
    void blowUpIsCaughtNotReturnedAsSuccess() {
        // y' = y^2, y(0) = 1 has y = 1/(1 - t): a singularity at t = 1 < 2. The controller shrinks h
        // towards the pole until t + h == t (about 2e-16 before it), long before y overflows.
        VectorField f = TestFields.withoutVjp(1, (t, y, th, dy) -> dy[0] = y[0] * y[0]);
        SolverWorkspace ws = new SolverWorkspace(1, 0);
        double[] out = {-1, -1};
        SolveStatus st = new Solver(SolverOptions.defaults()).solve(f.newEvaluator(), NO_PARAMS, new double[] {1}, 0,
                new double[] {0.5, 2}, 2, out, ws);
        assertEquals(SolveStatus.STEP_TOO_SMALL, st);
        assertEquals(2.0, out[0], 1e-3 * 2 * 20, "the output before the pole was written (rtol-sized error)");
        assertEquals(-1, out[1], 0.0, "the unreached output is untouched");
        int last = ws.recordedSteps() - 1;
        assertTrue(ws.stepTime(last) > 0.999, "integrated up to the pole: " + ws.stepTime(last));
        // the same blow-up with a low step limit is MAX_STEPS
        SolveStatus capped = new Solver(SolverOptions.defaults().withMaxSteps(50)).solve(f.newEvaluator(), NO_PARAMS,
                new double[] {1}, 0, new double[] {2}, 1, new double[1], ws);
        assertEquals(SolveStatus.MAX_STEPS, capped);
    }

    @Test
    void nonFiniteFieldOrStateIsNonFinite() {
        VectorField nanAfterHalf =
                TestFields.withoutVjp(1, (t, y, th, dy) -> dy[0] = t > 0.5 ? Double.NaN : -y[0]);
        for (ButcherTableau tab : Tableaus.ALL) {
            SolveStatus st = new Solver(SolverOptions.defaults().withTableau(tab).withDt0(0.1)).solve(
                    nanAfterHalf.newEvaluator(), NO_PARAMS, new double[] {1}, 0, new double[] {1}, 1, new double[1],
                    new SolverWorkspace(1, 0));
            assertEquals(SolveStatus.NON_FINITE, st, tab.name());
        }
        VectorField decay = TestFields.linear(new double[][] {{-1}});
        SolveStatus st = new Solver(SolverOptions.defaults()).solve(decay.newEvaluator(), NO_PARAMS,
                new double[] {Double.POSITIVE_INFINITY}, 0, new double[] {1}, 1, new double[1],
                new SolverWorkspace(1, 0));
        assertEquals(SolveStatus.NON_FINITE, st);
    }

    @Test
    void countersCountEvaluationsWithFsalReuse() {
        VectorField f = TestFields.michaelisMenten();
        double[] theta = {7, 100};
        double[] times = {0, 10, 50, 100};
        SolverWorkspace ws = new SolverWorkspace(1, 2);
        Solver tsit5 = new Solver(SolverOptions.defaults().withTolerances(1e-8, 1e-8)
                .withSaveAt(SolverOptions.SaveAt.DENSE));
        assertEquals(SolveStatus.SUCCESS, tsit5.solve(f.newEvaluator(), theta, new double[] {300}, 0, times, 4,
                new double[4], ws));
        long attempts = ws.acceptedSteps() + ws.rejectedSteps();
        assertTrue(ws.rejectedSteps() > 0, "tight tolerance from dt0 = 10 must reject some steps");
        // 7 stages on the first attempt, then 6: stage 0 is reused (FSAL after acceptance, same (t, y)
        // after rejection)
        assertEquals(1 + 6 * attempts, ws.evaluations());
        assertEquals(ws.acceptedSteps(), ws.recordedSteps());
        ws.resetCounters();
        assertEquals(0, ws.acceptedSteps() + ws.rejectedSteps() + ws.evaluations() + ws.vjpEvaluations());
        // backward: Tsit5's last stage has b = 0 and feeds no other stage, so 6 vjp per step, plus one for
        // the last stage of each step with an output interpolated inside it (its dense weight is not 0)
        tsit5.backward(f.newEvaluator(), theta, new double[] {0, 1, 1, 1}, null, new double[2], ws);
        assertEquals(6L * ws.recordedSteps() + stepsWithInteriorOutputs(ws, times), ws.vjpEvaluations());
        assertTrue(stepsWithInteriorOutputs(ws, times) > 0, "dense output inside a step");

        Solver rk4 = new Solver(SolverOptions.defaults().withTableau(Tableaus.RK4).withDt0(0.5));
        ws.resetCounters();
        assertEquals(SolveStatus.SUCCESS, rk4.solve(f.newEvaluator(), theta, new double[] {300}, 0, times, 4,
                new double[4], ws));
        assertEquals(200, ws.acceptedSteps());
        assertEquals(800, ws.evaluations());
    }

    private static int stepsWithInteriorOutputs(SolverWorkspace ws, double[] times) {
        int count = 0;
        for (int j = 0; j < ws.recordedSteps(); j++) {
            double from = ws.stepTime(j);
            double to = from + ws.stepSize(j);
            for (double t : times) {
                if (t > from && t < to) {
                    count++;
                    break;
                }
            }
        }
        return count;
    }

    @Test
    void rejectsMalformedArguments() {
        VectorField f = TestFields.linear(new double[][] {{-1}});
        Solver s = new Solver(SolverOptions.defaults());
        SolverWorkspace ws = new SolverWorkspace(1, 0);
        assertThrows(IllegalArgumentException.class, () -> s.solve(f.newEvaluator(), NO_PARAMS, new double[] {1}, 0,
                new double[] {1, 0.5}, 2, new double[2], ws), "decreasing times");
        assertThrows(IllegalArgumentException.class, () -> s.solve(f.newEvaluator(), NO_PARAMS, new double[] {1}, 2,
                new double[] {1}, 1, new double[1], ws), "first output before t0");
        assertThrows(IllegalArgumentException.class, () -> s.solve(f.newEvaluator(), NO_PARAMS, new double[] {1}, 0,
                new double[] {1, 2}, 2, new double[1], ws), "out too short");
        assertThrows(IllegalArgumentException.class, () -> new SolverOptions(Tableaus.TSIT5, 0, 0, 10, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new SolverOptions(Tableaus.TSIT5, 1e-3, 1e-6, 10, -1));
    }

    @Test
    void controllerFactorsAreClipped() {
        IController c = new IController(1e-3, 1e-6, 4);
        assertEquals(10.0, c.acceptFactor(0.0));
        assertEquals(1.0, c.acceptFactor(1.0), "never shrinks after acceptance");
        assertEquals(0.9 * Math.pow(0.01, -0.2), c.acceptFactor(0.01), 1e-15);
        assertEquals(0.2, c.rejectFactor(1e6));
        assertEquals(0.9, c.rejectFactor(1.0 + 1e-12), 1e-12);
        assertTrue(c.accepts(1.0) && !c.accepts(1.0 + 1e-12) && !c.accepts(Double.NaN));
        // RMS of e_i / (atol + rtol max(|y0|,|y1|)): (1e-3/(1e-6 + 1e-3*1), 0)
        double norm = c.errorNorm(new double[] {1e-3, 0}, 0, new double[] {1, 0}, 0, new double[] {0.5, 0}, 0, 2);
        assertEquals(Math.sqrt(0.5) * 1e-3 / (1e-6 + 1e-3), norm, 1e-15);
    }
}

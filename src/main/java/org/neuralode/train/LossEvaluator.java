package org.neuralode.train;

import java.util.Arrays;
import org.neuralode.ode.SolveStatus;
import org.neuralode.ode.Solver;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.SolverWorkspace;
import org.neuralode.ode.TrainableField;
import org.neuralode.ode.VectorField;

/**
 * The training loss {@code L = mean_{b,t,s} 0.5 (yhat - y)^2 + penalty(theta)} over the observed points of a
 * batch's prefixes (the penalty is the model's, {@link TrainableField#penalty}), and its gradient by the discrete adjoint of the solver
 * (discretise-then-optimise through the accepted steps). Each trajectory is solved with its own adaptive
 * steps from its first time with its initial conditions.
 *
 * <p>Owns the per-task scratch (evaluator, solver workspace, output buffers): one instance per thread.
 * Allocates nothing per call once warm.
 */
public final class LossEvaluator implements LossFunction {

    private final TrainableField model;
    private final BatchTargets targets = new BatchTargets();
    private final Solver solver;
    private final VectorField.Evaluator f;
    private final SolverWorkspace ws;
    private final int dim;
    private double[] out;
    private double[] outBar;

    /**
     * @param model   the model whose vector field and penalty define the loss (its parameters are not used:
     *                every call passes its own)
     * @param options solver settings
     */
    public LossEvaluator(TrainableField model, SolverOptions options) {
        VectorField field = model.vectorField();
        this.model = model;
        this.solver = new Solver(options);
        this.f = field.newEvaluator();
        this.ws = new SolverWorkspace(field.dim(), field.numParams());
        this.dim = field.dim();
        this.out = new double[0];
        this.outBar = new double[0];
    }

    /** The solver workspace (its counters report steps and field evaluations). */
    public SolverWorkspace workspace() {
        return ws;
    }

    @Override
    public long acceptedSteps() {
        return ws.acceptedSteps();
    }

    @Override
    public long rejectedSteps() {
        return ws.rejectedSteps();
    }

    @Override
    public LossStats loss(double[] theta, TrajectorySet data, int[] idx, int count, double length) {
        LossStats stats = new LossStats();
        for (int b = 0; b < count; b++) {
            int i = idx == null ? b : idx[b];
            int keep = Phase.keep(data.times(i).length, length);
            SolveStatus st = solve(theta, data, i, keep);
            if (!st.ok()) {
                stats.fail(st);
                continue;
            }
            stats.add(out, data.observed(i), keep * dim, null, 0);
        }
        return stats;
    }

    @Override
    public LossStats lossAndGradient(double[] theta, TrajectorySet data, int[] idx, int count, Phase phase,
                                     long seed, double[] grad) {
        Arrays.fill(grad, 0.0);
        targets.prepare(data, idx, count, phase, seed);
        long points = targets.points();
        LossStats stats = new LossStats();
        double scale = points == 0 ? 0.0 : 1.0 / points;
        for (int b = 0; b < count; b++) {
            int i = idx[b];
            int keep = phase.keep(data.times(i).length);
            SolveStatus st = solve(theta, data, i, keep);
            if (!st.ok()) {
                stats.fail(st);
                return stats;
            }
            stats.add(out, targets.observed(b), keep * dim, outBar, scale);
            solver.backward(f, theta, outBar, null, grad, ws);
        }
        model.addPenaltyGradient(theta, phase.alpha(), phase.l1(), grad);
        return stats;
    }

    /**
     * Predicts trajectory {@code i} at its first {@code keep} times into a new array {@code [keep*S]};
     * null when the solve fails.
     */
    public double[] predict(double[] theta, TrajectorySet data, int i, int keep) {
        return solve(theta, data, i, keep).ok() ? Arrays.copyOf(out, keep * dim) : null;
    }

    private SolveStatus solve(double[] theta, TrajectorySet data, int i, int keep) {
        int n = keep * dim;
        if (out.length < n) {
            out = new double[n];
            outBar = new double[n];
        }
        double[] t = data.times(i);
        return solver.solve(f, theta, data.y0(i), t[0], t, keep, out, ws);
    }

}

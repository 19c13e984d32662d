package org.neuralode.train;

import java.util.Arrays;
import org.neuralode.ode.SolveStatus;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.TrainableField;
import org.neuralode.ode.batch.BatchField;
import org.neuralode.ode.batch.BatchSolver;
import org.neuralode.ode.batch.BatchWorkspace;

/**
 * The training loss and gradient of {@link LossEvaluator}, computed with all trajectories of a batch
 * stepped together ({@link BatchSolver}: each row keeps its own adaptive steps) so that the field is
 * evaluated on many rows per call — what lets ND4J's BLAS (or a GPU) pay off for wide networks.
 * Trajectories beyond the field's row capacity are processed in chunks. One instance per thread.
 */
public final class BatchLossEvaluator implements LossFunction {

    private final TrainableField model;
    private final BatchTargets targets = new BatchTargets();
    private final BatchField field;
    private final BatchSolver solver;
    private final BatchWorkspace ws;
    private final int dim;
    private final int chunk;
    private double[] y0 = new double[0];
    private double[] t0 = new double[0];
    private double[][] times = new double[0][];
    private double[][] out = new double[0][];
    private double[][] outBar = new double[0][];

    /**
     * @param model   the model: its penalty is added to the loss, and {@code field} computes its vector field
     * @param field   the batch field; at most {@code field.maxRows()} rows are solved together
     * @param options solver settings
     */
    public BatchLossEvaluator(TrainableField model, BatchField field, SolverOptions options) {
        this.model = model;
        this.field = field;
        this.solver = new BatchSolver(options);
        this.ws = new BatchWorkspace(field.dim(), field.numParams());
        this.dim = field.dim();
        this.chunk = Math.max(1, field.maxRows());
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
        for (int start = 0; start < count; start += chunk) {
            int rows = Math.min(chunk, count - start);
            load(data, idx, start, rows, length);
            solver.solve(field, theta, y0, t0, times, out, ws);
            for (int r = 0; r < rows; r++) {
                SolveStatus st = ws.status(r);
                if (!st.ok()) {
                    stats.fail(st);
                } else {
                    stats.add(out[r], data.observed(row(idx, start + r)), times[r].length * dim, null, 0);
                }
            }
        }
        return stats;
    }

    @Override
    public LossStats lossAndGradient(double[] theta, TrajectorySet data, int[] idx, int count, Phase phase,
                                     long seed, double[] grad) {
        Arrays.fill(grad, 0.0);
        targets.prepare(data, idx, count, phase, seed);
        long points = targets.points();
        double scale = points == 0 ? 0.0 : 1.0 / points;
        LossStats stats = new LossStats();
        for (int start = 0; start < count; start += chunk) {
            int rows = Math.min(chunk, count - start);
            load(data, idx, start, rows, phase.length());
            solver.solve(field, theta, y0, t0, times, out, ws);
            for (int r = 0; r < rows; r++) {
                if (!ws.status(r).ok()) {
                    stats.fail(ws.status(r));
                    return stats;
                }
                stats.add(out[r], targets.observed(start + r), times[r].length * dim, outBar[r], scale);
            }
            solver.backward(field, theta, outBar, null, grad, ws);
        }
        model.addPenaltyGradient(theta, phase.alpha(), phase.l1(), grad);
        return stats;
    }

    private static int row(int[] idx, int k) {
        return idx == null ? k : idx[k];
    }

    /**
     * Fills the row buffers (exactly {@code rows} long: the solver takes the row count from them) with
     * trajectories {@code idx[start .. start+rows)} cut to their prefixes. Allocates only when the row
     * count or a trajectory's length grows.
     */
    private void load(TrajectorySet data, int[] idx, int start, int rows, double length) {
        if (t0.length != rows) {
            y0 = new double[rows * dim];
            t0 = new double[rows];
            times = new double[rows][];
            out = Arrays.copyOf(out, rows);
            outBar = Arrays.copyOf(outBar, rows);
        }
        double[][] cut = data.prefixTimes(length);
        for (int r = 0; r < rows; r++) {
            int i = row(idx, start + r);
            double[] t = cut[i];
            times[r] = t;
            t0[r] = t[0];
            System.arraycopy(data.y0(i), 0, y0, r * dim, dim);
            int n = t.length * dim;
            if (out[r] == null || out[r].length < n) {
                out[r] = new double[n];
                outBar[r] = new double[n];
            }
        }
    }
}

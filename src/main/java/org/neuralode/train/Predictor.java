package org.neuralode.train;

import java.util.List;
import org.neuralode.InputException;
import org.neuralode.data.Dataset;
import org.neuralode.data.Measurement;
import org.neuralode.eval.MetricAccumulator;
import org.neuralode.eval.MetricSet;
import org.neuralode.ode.SolveStatus;
import org.neuralode.ode.Solver;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.SolverWorkspace;
import org.neuralode.ode.TrainableField;
import org.neuralode.ode.VectorField;

/**
 * Predicts measurements with a trained model: each time course is solved from its first time with
 * its initial conditions (a state the measurement lacks starts at the model's
 * {@link TrainableField#initialValues() initial value}). Every model state is predicted; one the data do
 * not observe is NaN in {@link #observed} and so left out of the metrics. Owns scratch buffers: one
 * instance per thread.
 */
public final class Predictor {

    private final TrainableField model;
    private final double[] theta;
    private final Solver solver;
    private final VectorField.Evaluator f;
    private final SolverWorkspace ws;

    /** A predictor of {@code model} (its current parameters) solved with {@code options}. */
    public Predictor(TrainableField model, SolverOptions options) {
        this.model = model;
        this.theta = model.theta();
        this.solver = new Solver(options);
        this.f = model.vectorField().newEvaluator();
        this.ws = new SolverWorkspace(model.states().size(), model.numParams());
    }

    /**
     * The model's states at {@code times} (starting from {@code m}'s first time and initial conditions),
     * {@code [times.length][S]}.
     *
     * @throws InputException naming the measurement when the solve fails (e.g. max steps exceeded)
     */
    public double[][] predict(Measurement m, double[] times) {
        int s = model.states().size();
        double[] y0 = TrajectorySet.initialState(m, model.states(), model.initialValues());
        double[] out = new double[times.length * s];
        SolveStatus st = solver.solve(f, theta, y0, m.time()[0], times, times.length, out, ws);
        if (!st.ok()) {
            throw new InputException("measurement " + m.id(), "the model's solve failed (" + st + ")");
        }
        double[][] rows = new double[times.length][s];
        for (int k = 0; k < times.length; k++) {
            System.arraycopy(out, k * s, rows[k], 0, s);
        }
        return rows;
    }

    /** Predictions at the measurement's own times, {@code [T][S]}. */
    public double[][] predict(Measurement m) {
        return predict(m, m.time());
    }

    /** Observed values of {@code m} in the model's state order, {@code [T][S]}, NaN = missing. */
    public double[][] observed(Measurement m) {
        return rows(m, model.states());
    }

    /**
     * The series of {@code m} in the order of {@code states}, {@code [T][S]}; NaN where a point is missing or
     * {@code m} has no series for a state.
     */
    public static double[][] rows(Measurement m, List<String> states) {
        double[][] rows = new double[m.length()][states.size()];
        for (int j = 0; j < states.size(); j++) {
            double[] series = m.data().get(states.get(j));
            for (int k = 0; k < m.length(); k++) {
                rows[k][j] = series == null ? Double.NaN : series[k];
            }
        }
        return rows;
    }

    /** Metrics of the model on every observed point of {@code d} (Catalax's metrics, Dataset.metrics). */
    public MetricSet metrics(Dataset d) {
        return accumulate(d).result(model.numParams());
    }

    /** The mergeable metric sums of {@code d} (Spark merges them across tasks). */
    public MetricAccumulator accumulate(Dataset d) {
        MetricAccumulator acc = new MetricAccumulator();
        for (Measurement m : d.measurements()) {
            acc.add(observed(m), predict(m));
        }
        return acc;
    }
}

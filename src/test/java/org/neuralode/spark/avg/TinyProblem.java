package org.neuralode.spark.avg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuralode.config.JobConfig;
import org.neuralode.data.Dataset;
import org.neuralode.data.Measurement;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.Tableaus;
import org.neuralode.workflow.TrainJob;

/**
 * A tiny training problem for the Spark tests: first-order conversion {@code a -> b} with rate 0.3,
 * {@code a = a0 exp(-0.3 t)}, {@code b = b0 + a0 - a}, 8 points on [0, 7] with a few missing values, and an
 * MLP of width 4 (24 parameters), so a whole strategy trains in milliseconds.
 */
final class TinyProblem {

    static final List<String> STATES = List.of("a", "b");
    static final SolverOptions SOLVER = new SolverOptions(Tableaus.TSIT5, 1e-4, 1e-7, 4096, Double.NaN);

    private TinyProblem() {
    }

    /** {@code n} measurements with initial a in [1, 3] and b in [0, 0.5], ids {@code prefix + i}. */
    static List<Measurement> measurements(int n, String prefix) {
        List<Measurement> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double a0 = 1.0 + 2.0 * i / Math.max(1, n - 1);
            double b0 = 0.5 * ((i * 7) % 5) / 4.0;
            double[] t = new double[8];
            double[] a = new double[8];
            double[] b = new double[8];
            for (int k = 0; k < t.length; k++) {
                t[k] = k;
                a[k] = a0 * Math.exp(-0.3 * k);
                b[k] = b0 + a0 - a[k];
            }
            if (i % 3 == 1) {
                b[4] = Double.NaN;
            }
            Map<String, Double> ic = new LinkedHashMap<>();
            ic.put("a", a0);
            ic.put("b", b0);
            Map<String, double[]> data = new LinkedHashMap<>();
            data.put("a", a);
            data.put("b", b);
            out.add(new Measurement(prefix + i, null, null, ic, t, data));
        }
        return out;
    }

    static Dataset dataset(List<Measurement> ms) {
        return new Dataset("tiny", "tiny", null, STATES, List.copyOf(ms));
    }

    /** Training data {@code train} augmented {@code rounds} times (additive sigma 0.01), validating on {@code val}. */
    static TrainJob.Data data(List<Measurement> train, int rounds, List<Measurement> val) {
        Dataset base = dataset(train);
        return new TrainJob.Data(base, base, new JobConfig.AugmentConfig(rounds, 0.01, 42, false),
                val == null ? null : dataset(val));
    }

    static NeuralOde model(double weightScale) {
        return NeuralOde.initialise(STATES, new MlpSpec(2, 4, 1, Activation.SELU, false), 7.0, weightScale, 3);
    }
}

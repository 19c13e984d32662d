package org.neuralode.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.neuralode.data.Dataset;
import org.neuralode.data.Measurement;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpSpec;

/** Small random data sets for loss and gradient tests. */
final class TestTrajectories {

    static final List<String> STATES2 = List.of("a", "b");

    private TestTrajectories() {
    }

    /** An S-state network of this width and depth: activation {@code act} by name, or "rbf" for RBF layers. */
    static MlpSpec spec(int s, int width, int depth, String act) {
        return "rbf".equals(act) ? MlpSpec.rbfNetwork(s, width, depth, false, 0.8)
                : new MlpSpec(s, width, depth, Activation.byName(act));
    }

    /** Four measurements with uneven time grids, different lengths, a missing point and t0 != 0. */
    static Dataset dataset(SplittableRandom rng) {
        List<Measurement> ms = new ArrayList<>();
        double[][] grids = {
            {0, 0.5, 1.7, 2.0, 4.5, 7.0, 10.0},
            {0, 1, 2, 3, 4, 5, 6, 7, 8},
            {1.0, 1.2, 3.3, 6.0, 9.9},
            {0, 0.1, 0.2, 5.0, 6.0, 8.0},
        };
        for (int i = 0; i < grids.length; i++) {
            double[] t = grids[i];
            Map<String, double[]> data = new LinkedHashMap<>();
            for (String s : STATES2) {
                double[] v = new double[t.length];
                for (int k = 0; k < t.length; k++) {
                    v[k] = rng.nextDouble(0.5, 2.0);
                }
                data.put(s, v);
            }
            if (i == 1) {
                data.get("b")[1] = Double.NaN;
            }
            Map<String, Double> init = new LinkedHashMap<>();
            init.put("a", rng.nextDouble(0.5, 2.0));
            init.put("b", rng.nextDouble(0.5, 2.0));
            ms.add(new Measurement("m" + i, null, null, init, t, data));
        }
        return new Dataset("d", "d", null, STATES2, ms);
    }
}

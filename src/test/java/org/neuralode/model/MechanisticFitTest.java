package org.neuralode.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuralode.InputException;
import org.neuralode.data.Dataset;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.Tableaus;
import org.neuralode.ode.VjpCheck;
import org.neuralode.train.Engine;
import org.neuralode.train.Strategy;
import org.neuralode.train.TrainResult;
import org.neuralode.train.Trainer;
import org.neuralode.train.TrainingListener;

/**
 * Fitting a mechanistic model's parameters: the fitted field's vector-Jacobian product against central
 * finite differences for every state and parameter under every transform, and recovery of the
 * Michaelis-Menten constants from the noise-free data simulated from {@code conf/michaelis-menten.model.yaml}.
 */
class MechanisticFitTest {

    /** Two species, four parameters: log space (v_max), two bounds (K_m), an upper bound (K_i), none (c). */
    private static final String INHIBITION = """
            name: substrate inhibition
            species: [S, P]
            parameters:
              v_max: 5.0
              K_m: {value: 80.0, lower: 1.0, upper: 1000.0}
              K_i: {value: 60.0, upper: 500.0}
              c: -0.01
            odes:
              S: "-v_max*S/(K_m + S + S^2/K_i)"
              P: "v_max*S/(K_m + S + S^2/K_i) + c*P"
            """;

    private static MechanisticFit fit(String yaml, List<String> names) {
        return MechanisticFit.start(yaml.getBytes(StandardCharsets.UTF_8), "m.yaml", names, Map.of(), "test: model");
    }

    @Test
    void vjpMatchesFiniteDifferencesForEveryStateAndParameter() {
        MechanisticFit f = fit(INHIBITION, List.of("v_max", "K_m", "K_i", "c"));
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 5; trial++) {
            double[] u = f.theta();
            for (int k = 0; k < u.length; k++) {
                u[k] += rng.nextDouble(-0.5, 0.5);
            }
            double[] y = {rng.nextDouble(1, 300), rng.nextDouble(0, 100)};
            double[] cot = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
            VjpCheck.assertVjp(f.vectorField(), rng.nextDouble(0, 50), y, u, cot, 1e-6, f.fit());
        }
    }

    @Test
    void boundsAreHonouredAndPositiveParametersStayPositive() {
        MechanisticFit f = fit(INHIBITION, List.of("v_max", "K_m", "K_i"));
        Map<String, Double> far = f.withTheta(new double[] {-20, 20, -20}).namedParameters();
        assertTrue(far.get("v_max") > 0);
        assertTrue(far.get("K_m") < 1000.0 && far.get("K_m") > 1.0);
        assertTrue(far.get("K_i") < 500.0);
        assertEquals(Map.of("v_max", 5.0, "K_m", 80.0, "K_i", 60.0), round(f.namedParameters()));
    }

    private static Map<String, Double> round(Map<String, Double> m) {
        return Map.of("v_max", Math.rint(m.get("v_max") * 1e9) / 1e9, "K_m", Math.rint(m.get("K_m") * 1e9) / 1e9,
                "K_i", Math.rint(m.get("K_i") * 1e9) / 1e9);
    }

    @Test
    void fitNamingAnUnknownParameterIsRefusedNamingIt() {
        InputException e = assertThrows(InputException.class, () -> fit(INHIBITION, List.of("v_max", "K_x")));
        assertEquals("test: model.fit: 'K_x' is not a parameter of m.yaml (v_max, K_m, K_i, c)", e.getMessage());
    }

    @Test
    void recoversMichaelisMentenConstantsFromNoiseFreeData() throws Exception {
        String conf = Files.readString(Path.of(System.getProperty("basedir", ""), "conf",
                "michaelis-menten.model.yaml"));
        Dataset data = Simulator.simulate(MechanisticModel.fromYaml(conf, "conf/michaelis-menten.model.yaml"));
        String start = conf.replace("parameters: {v_max: 7.0, K_m: 100.0}", "parameters: {v_max: 1.0, K_m: 10.0}");
        MechanisticFit initial = fit(start, List.of("v_max", "K_m"));
        assertEquals(1.0, initial.namedParameters().get("v_max"), 1e-12);
        Strategy strategy = Strategy.create().addStep(0.05, 400, 6, 1.0, 0.0).addStep(0.01, 400, 6, 1.0, 0.0)
                .addStep(0.002, 400, 12, 1.0, 0.0);
        SolverOptions solver = new SolverOptions(Tableaus.TSIT5, 1e-6, 1e-8, 4096, Double.NaN);
        TrainResult r = new Trainer(solver, 100, 0, 10, Engine.AUTO, () -> false).train(initial, data, null, strategy,
                TrainingListener.NONE);
        Map<String, Double> p = r.model().namedParameters();
        assertEquals(7.0, p.get("v_max"), 0.07, "v_max " + p);
        assertEquals(100.0, p.get("K_m"), 1.0, "K_m " + p);
    }
}

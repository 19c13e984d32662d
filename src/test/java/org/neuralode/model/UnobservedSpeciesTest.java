package org.neuralode.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuralode.InputException;
import org.neuralode.data.Dataset;
import org.neuralode.data.Measurement;
import org.neuralode.eval.MetricSet;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.Tableaus;
import org.neuralode.train.Engine;
import org.neuralode.train.Predictor;
import org.neuralode.train.Strategy;
import org.neuralode.train.TrainResult;
import org.neuralode.train.Trainer;
import org.neuralode.train.TrainingListener;
import org.neuralode.train.TrajectorySet;

/**
 * A species the data do not observe: the enzyme-substrate complex C of {@code E + S <-> C -> E + P} (free
 * enzyme {@code E0 - C}), whose initial value 0 comes from the model file, fitted on data that have only S.
 * C is unobserved (NaN) in the layout, so the loss and the metrics count S's points only, and it is still
 * predicted.
 */
class UnobservedSpeciesTest {

    private static final String MODEL = """
            name: enzyme complex
            species: [S, {symbol: C, name: complex, initial: 0.0}]
            parameters: {k1: 0.05, km1: 0.5, k2: 1.0, E0: 2.0}
            odes:
              S: "-k1*(E0 - C)*S + km1*C"
              C: "k1*(E0 - C)*S - (km1 + k2)*C"
            simulation:
              time: {start: 0, stop: 40, points: 15}
              groups: [{initial: {S: 100}}, {initial: {S: 50}}, {initial: {S: 20}}]
            """;

    private static final SolverOptions SOLVER = new SolverOptions(Tableaus.TSIT5, 1e-7, 1e-9, 4096, Double.NaN);

    /** The model's simulation with C's series and initial conditions removed: a dataset of S alone. */
    private static Dataset substrateOnly() {
        Dataset full = Simulator.simulate(MechanisticModel.fromYaml(MODEL, "complex.yaml"));
        List<Measurement> ms = new ArrayList<>();
        for (Measurement m : full.measurements()) {
            ms.add(new Measurement(m.id(), m.name(), null, Map.of("S", m.initialConditions().get("S")), m.time(),
                    Map.of("S", m.data().get("S"))));
        }
        return new Dataset(full.id(), full.name(), null, List.of("S"), ms);
    }

    private static MechanisticFit start(String yaml) {
        return MechanisticFit.start(yaml.getBytes(StandardCharsets.UTF_8), "complex.yaml", List.of("k2"), Map.of(),
                "test: model");
    }

    @Test
    void theUnobservedSpeciesStartsAtItsModelValueAndIsMaskedInTheLayout() {
        Dataset data = substrateOnly();
        MechanisticFit fit = start(MODEL);
        assertEquals(List.of("C", "S"), fit.states());
        assertEquals(Map.of("C", 0.0), fit.initialValues());
        TrajectorySet t = TrajectorySet.of(data, fit);
        long observed = 0;
        for (int i = 0; i < t.size(); i++) {
            assertEquals(0.0, t.y0(i)[0], "C from the model file");
            assertEquals(data.measurements().get(i).initialConditions().get("S"), t.y0(i)[1]);
            double[] obs = t.observed(i);
            for (int k = 0; k < obs.length; k++) {
                assertEquals(k % 2 == 0, Double.isNaN(obs[k]), "C (column 0) unobserved, S observed: " + k);
                observed += Double.isNaN(obs[k]) ? 0 : 1;
            }
        }
        assertEquals(3 * 15, observed);
    }

    /**
     * Fitting k2 from half its value on S alone recovers it (noise-free data; the 1% bar of the issue), the
     * metrics count the 45 points of S, and predictions still hold C, which rises from 0.
     */
    @Test
    void fitsOnDataThatObserveOnlyTheSubstrate() {
        Dataset data = substrateOnly();
        MechanisticFit initial = start(MODEL.replace("k2: 1.0", "k2: 0.5"));
        Strategy strategy = Strategy.create().addStep(0.05, 300, 3, 1.0, 0.0).addStep(0.01, 200, 3, 1.0, 0.0);
        TrainResult r = new Trainer(SOLVER, 100, 0, 10, Engine.AUTO, () -> false).train(initial, data, null,
                strategy, TrainingListener.NONE);
        assertEquals(1.0, r.model().namedParameters().get("k2"), 0.01, r.model().namedParameters().toString());
        Predictor p = new Predictor(r.model(), SOLVER);
        MetricSet m = p.metrics(data);
        assertEquals(45, m.nPoints(), "only S's points");
        assertTrue(m.mae() < 0.05, "fits S: " + m);
        double[][] predicted = p.predict(data.measurements().get(0));
        assertEquals(2, predicted[0].length, "C is predicted too");
        assertEquals(0.0, predicted[0][0]);
        assertTrue(predicted[3][0] > 0.1, "the complex forms: " + predicted[3][0]);
    }

    @Test
    void anUnobservedSpeciesWithoutAnInitialValueIsRefusedNamingIt() {
        Dataset data = substrateOnly();
        String noDesign = MODEL.substring(0, MODEL.indexOf("simulation:"));
        MechanisticFit fit = start(noDesign.replace("{symbol: C, name: complex, initial: 0.0}", "C"));
        InputException e = assertThrows(InputException.class, () -> TrajectorySet.checkUnobserved(data, fit, "m"));
        assertTrue(e.getMessage().startsWith("m: state 'C' of the model (states [C, S]) is not in the data (states [S])"),
                e.getMessage());
        assertThrows(InputException.class, () -> TrajectorySet.of(data, fit));
    }
}

package org.neuralode.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuralode.InputException;
import org.neuralode.data.Dataset;
import org.neuralode.data.Measurement;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.SolverOptions;

/** {@link Predictions}: central differences, rates as the vector field, dense times and the species check. */
class PredictionsTest {

    private static Dataset quadratic() {
        double[] t = {0, 1, 3, 5, 6};
        Map<String, double[]> data = new LinkedHashMap<>();
        data.put("A", new double[] {0, 1, 9, 25, 36});             // t^2: central difference 2t on even steps
        data.put("B", new double[] {5, 3, Double.NaN, -5, -7});   // linear -2t + 5, one point missing
        Measurement m = new Measurement("m", null, null, Map.of("A", 0.0, "B", 5.0), t, data);
        return Dataset.of("d", "d", null, List.of(m));
    }

    @Test
    void centralDifferencesAreExactForPolynomialsUpToQuadraticsOnEvenGrids() {
        Measurement d = Predictions.centralDifferences(quadratic()).measurements().get(0);
        double[] a = d.data().get("A");
        assertTrue(Double.isNaN(a[0]) && Double.isNaN(a[4]), "no difference at the ends");
        assertEquals((9 - 0) / 3.0, a[1], 0.0);
        assertEquals(6.0, a[2], 0.0, "centred at t = 3 with equal steps: 2t exactly");
        assertEquals((36 - 9) / 3.0, a[3], 0.0);
        double[] b = d.data().get("B");
        assertEquals(-2.0, b[2], 1e-15, "the missing point's neighbours give its rate");
        assertTrue(Double.isNaN(b[1]) && Double.isNaN(b[3]), "a difference across a missing point is missing");
    }

    @Test
    void ratesAreTheVectorFieldAtThePredictedPoints() {
        Dataset data = Workflow.loadDataset("datasets/michaelis-menten.zip");
        NeuralOde model = Workflow.neuralOde(data, 4, 1, "tanh", 0.5, 3);
        Dataset predicted = Predictions.predict(model, data, SolverOptions.defaults(), 7);
        Dataset rates = Predictions.rates(model, predicted);
        Measurement p = predicted.measurements().get(2);
        Measurement r = rates.measurements().get(2);
        double[] out = new double[1];
        for (int k = 0; k < p.length(); k++) {
            model.vectorField().newEvaluator().eval(p.time()[k], new double[] {p.data().get("S")[k]}, 0,
                    model.theta(), out, 0);
            assertEquals(out[0], r.data().get("S")[k], 0.0);
        }
        assertEquals(20 + 7 - 2, p.length(), "0 and 100 are on both grids");
    }

    @Test
    void evenlySpacedTimesHitBothEnds() {
        assertArrayEquals(new double[] {0.1, 0.2, 0.30000000000000004, 0.4}, Predictions.evenlySpaced(0.1, 0.4, 4),
                0.0);
        assertEquals(0.7, Predictions.evenlySpaced(0.1, 0.7, 7)[6], 0.0);
        assertEquals("out/p.rates.zip", Predictions.ratesLocation("out/p.zip"));
        assertEquals("out/csv.rates", Predictions.ratesLocation("out/csv/"));
    }

    @Test
    void aModelOfOtherSpeciesIsRefusedNamingBoth() {
        Dataset data = quadratic();
        NeuralOde model = Workflow.neuralOde(Workflow.loadDataset("datasets/michaelis-menten.zip"), 4, 1, "tanh",
                0.5, 3);
        InputException e = assertThrows(InputException.class,
                () -> Predictions.requireSameSpecies(model, "m.eqx", data, "d.zip"));
        assertEquals("m.eqx: the model's species [S] do not match the states [A, B] of the dataset d.zip",
                e.getMessage());
    }
}

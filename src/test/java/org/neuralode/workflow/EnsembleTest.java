package org.neuralode.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.InputException;
import org.neuralode.data.Dataset;
import org.neuralode.data.Measurement;
import org.neuralode.io.EnsembleManifest;
import org.neuralode.io.ModelFiles;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.TrainableField;

/**
 * {@link Ensemble} without Spark: the mean and quantiles of three untrained networks of different seeds, the
 * mean rates, the metrics' parameter count, an ensemble directory saved by hand, and the refusals.
 */
class EnsembleTest {

    private static final Dataset DATA = Workflow.loadDataset("datasets/michaelis-menten.zip");

    private static List<TrainableField> members() {
        return List.of(Workflow.neuralOde(DATA, 4, 1, "tanh", 0.5, 1), Workflow.neuralOde(DATA, 4, 1, "tanh", 0.5, 2),
                Workflow.neuralOde(DATA, 4, 1, "tanh", 0.5, 3));
    }

    @Test
    void theMeanAndTheBandAreTakenPointByPointOverTheMembers() {
        List<TrainableField> members = members();
        Ensemble e = new Ensemble(members);
        Ensemble.Prediction p = e.predict(DATA, SolverOptions.defaults(), 5, new Ensemble.Band(0.25, 1));
        for (int j = 0; j < 3; j++) {
            Dataset alone = Predictions.predict(members.get(j), DATA, SolverOptions.defaults(), 5);
            assertArrayEquals(alone.measurements().get(7).data().get("S"),
                    p.members().get(j).measurements().get(7).data().get("S"), 0.0);
        }
        for (int i = 0; i < DATA.size(); i++) {
            double[] mean = p.mean().measurements().get(i).data().get("S");
            for (int k = 0; k < mean.length; k++) {
                double[] v = new double[3];
                for (int j = 0; j < 3; j++) {
                    v[j] = p.members().get(j).measurements().get(i).data().get("S")[k];
                }
                assertEquals((v[0] + v[1] + v[2]) / 3, mean[k], 1e-12 * Math.abs(mean[k]));
                Arrays.sort(v);
                assertEquals(v[0] + 0.5 * (v[1] - v[0]), p.lower().measurements().get(i).data().get("S")[k], 0.0,
                        "q = 0.25 of 3 members: half way from the lowest to the middle one");
                assertEquals(v[2], p.upper().measurements().get(i).data().get("S")[k], 0.0);
            }
        }
        assertEquals(3 * members.get(0).numParams(), e.metrics(DATA, SolverOptions.defaults()).mean().nParameters());
    }

    @Test
    void theRatesAreTheMembersMeanRates() {
        Ensemble e = new Ensemble(members());
        Dataset mean = e.predict(DATA, SolverOptions.defaults(), 0, Ensemble.Band.MIN_MAX).mean();
        double[] rates = e.rates(mean).measurements().get(4).data().get("S");
        double[] sum = new double[rates.length];
        for (TrainableField m : members()) {
            double[] r = Predictions.rates(m, mean).measurements().get(4).data().get("S");
            for (int k = 0; k < r.length; k++) {
                sum[k] += r[k] / 3;
            }
        }
        assertArrayEquals(sum, rates, 1e-12 * Math.abs(sum[0]));
    }

    @Test
    void anEnsembleDirectoryLoadsAsItsMembers(@TempDir Path dir) throws Exception {
        List<TrainableField> members = members();
        for (int j = 0; j < 3; j++) {
            ModelFiles.save(members.get(j), dir.resolve("m" + j).toString(), Map.of());
        }
        ModelFiles.save(members.get(0), dir.toString(), Map.of()); // a single model left in the directory
        new EnsembleManifest(List.of(new EnsembleManifest.Member("m0", 1, 0), new EnsembleManifest.Member("m1", 2, 0),
                new EnsembleManifest.Member("m2", 3, 0))).write(dir.toString());
        assertTrue(Ensemble.isEnsemble(dir.toString()));
        assertFalse(Files.exists(dir.resolve("model.json")), "the single model's files are gone");
        Ensemble e = Ensemble.load(dir.resolve("ensemble.json").toString());
        for (int j = 0; j < 3; j++) {
            assertArrayEquals(members.get(j).theta(), e.members().get(j).theta());
        }
        ModelFiles.save(members.get(1), dir.toString(), Map.of()); // and a single model replaces it again
        assertFalse(Ensemble.isEnsemble(dir.toString()));
    }

    @Test
    void membersOfOtherSpeciesAndBadBandsAreRefused(@TempDir Path dir) {
        Dataset renamed = Dataset.of("d", "d", null, List.of(new Measurement("m", null, null,
                Map.of("P", 1.0), new double[] {0, 1}, Map.of("P", new double[] {1, 2}))));
        NeuralOde other = Workflow.neuralOde(renamed, 4, 1, "tanh", 0.5, 1);
        assertThrows(IllegalArgumentException.class, () -> new Ensemble(List.of(members().get(0), other)));
        assertThrows(IllegalArgumentException.class, () -> new Ensemble(List.of()));
        ModelFiles.save(members().get(0), dir.resolve("a").toString(), Map.of());
        ModelFiles.save(other, dir.resolve("b").toString(), Map.of());
        new EnsembleManifest(List.of(new EnsembleManifest.Member("a", 0, 0), new EnsembleManifest.Member("b", 1, 1)))
                .write(dir.toString());
        InputException e = assertThrows(InputException.class, () -> Ensemble.load(dir.toString()));
        assertEquals(dir.resolve("b") + ": has species [P] but member 0 has [S]", e.getMessage());
        for (double[] band : new double[][] {{0.5, 0.5}, {-0.1, 0.5}, {0.1, 1.1}, {Double.NaN, 1}}) {
            assertThrows(IllegalArgumentException.class, () -> new Ensemble.Band(band[0], band[1]));
        }
    }
}

package org.neuralode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.CatalaxReference;
import org.neuralode.data.CroissantReader;
import org.neuralode.data.Dataset;
import org.neuralode.data.Measurement;
import org.neuralode.io.ModelFiles;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.HipparchusOracle;

/** Catalax interoperability through the command line: .eqx in and out, model JSON, CSV, inspect. */
class InteropCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EQX = CatalaxReference.file("menten_trained.eqx").toString();
    private static final String ZIP = CatalaxReference.file("croissant_dataset.zip").toString();

    @Test
    void inspectReportsTheReferenceDataset() {
        CliRun r = CliRun.of("inspect", ZIP, "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("{\"measurements\":120,\"states\":[\"s1\"],\"points_per_measurement\":{\"min\":20,\"max\":20},"
                + "\"time\":{\"min\":0.0,\"max\":100.0}}", r.out().trim());
    }

    /**
     * The trained Catalax model evaluated by {@code evaluate} agrees with an independent evaluation: the same
     * vector field integrated by Hipparchus's Dormand-Prince 8(5,3) at 1e-13 tolerances (HipparchusOracle), metrics summed here.
     * At tight solver tolerances (1e-10) the two agree to 1e-7 relative (both solve errors are far below the
     * residuals, ~0.6); at the default rtol 1e-3 the solve error shifts the MAE by < 1e-4 relative.
     */
    @Test
    void evaluateOfTheCatalaxModelMatchesAnIndependentSolve() throws Exception {
        NeuralOde model = (NeuralOde) ModelFiles.load(EQX);
        Dataset data = CroissantReader.read(Files.readAllBytes(Path.of(ZIP)), ZIP);
        double sumAbs = 0;
        double sumSq = 0;
        double sumY = 0;
        double sumY2 = 0;
        int n = 0;
        for (Measurement m : data.measurements()) {
            double[] pred = HipparchusOracle.solve(model.vectorField(), model.theta(),
                    new double[] {m.initialConditions().get("s1")}, m.time()[0], m.time());
            double[] obs = m.data().get("s1");
            for (int k = 0; k < obs.length; k++) {
                double r = pred[k] - obs[k];
                sumAbs += Math.abs(r);
                sumSq += r * r;
                sumY += obs[k];
                sumY2 += obs[k] * obs[k];
                n++;
            }
        }
        double mae = sumAbs / n;
        double r2 = 1 - sumSq / (sumY2 - sumY * sumY / n);

        JsonNode tight = metrics("evaluate", "--model", EQX, "--dataset", ZIP, "--json", "--rtol", "1e-10",
                "--atol", "1e-10");
        assertEquals(n, tight.get("n_points").asInt());
        assertEquals(36, tight.get("n_parameters").asInt());
        assertEquals(mae, tight.get("mae").asDouble(), 1e-7 * mae);
        assertEquals(sumSq, tight.get("chi_square").asDouble(), 1e-7 * sumSq);
        assertEquals(r2, tight.get("r_squared").asDouble(), 1e-9);
        assertTrue(r2 > 0.999, "R^2 near 1: " + r2);

        JsonNode standard = metrics("evaluate", "--model", EQX, "--dataset", ZIP, "--json");
        assertEquals(mae, standard.get("mae").asDouble(), 1e-4 * mae);
    }

    @Test
    void exportedModelReloadsWithFloat32Rounding(@TempDir Path dir) throws Exception {
        // a model trained here: the reference .eqx loaded, saved in our format, exported and re-imported
        NeuralOde model = (NeuralOde) ModelFiles.load(EQX);
        double[] theta = model.theta();
        for (int i = 0; i < theta.length; i++) {
            theta[i] += 1e-3 * Math.sin(i + 1.0); // values that are not float32 already
        }
        ModelFiles.save(model.withTheta(theta), dir.resolve("model").toString(), java.util.Map.of());
        CliRun r = CliRun.of("export", "--model", dir.resolve("model").toString(), "--format", "eqx",
                "--out", dir.resolve("m.eqx").toString());
        assertEquals(0, r.code(), r.err());
        NeuralOde back = (NeuralOde) ModelFiles.load(dir.resolve("m.eqx").toString());
        for (int i = 0; i < theta.length; i++) {
            assertEquals((float) theta[i], back.theta()[i], 0.0, "parameter " + i);
        }
        JsonNode a = metrics("evaluate", "--model", dir.resolve("model").toString(), "--dataset", ZIP, "--json");
        JsonNode b = metrics("evaluate", "--model", dir.resolve("m.eqx").toString(), "--dataset", ZIP, "--json");
        // float32 parameters (relative rounding 6e-8) move predictions of ~300 by ~1e-5; MAE ~0.6
        assertEquals(a.get("mae").asDouble(), b.get("mae").asDouble(), 1e-4);
    }

    @Test
    void simulateCatalaxModelJsonLikeTheReferenceDataset(@TempDir Path dir) throws Exception {
        String out = dir.resolve("sim.zip").toString();
        CliRun r = CliRun.of("simulate", "--model", CatalaxReference.file("menten_model.json").toString(),
                "--like", ZIP, "--constant", "e1=1", "--out", out);
        assertEquals(0, r.code(), r.err());
        Dataset sim = CroissantReader.read(Files.readAllBytes(Path.of(out)), out);
        Dataset ref = CroissantReader.read(Files.readAllBytes(Path.of(ZIP)), ZIP);
        double worst = 0;
        for (int i = 0; i < ref.size(); i++) {
            double[] a = ref.measurements().get(i).data().get("s1");
            double[] b = sim.measurements().get(i).data().get("s1");
            for (int k = 0; k < a.length; k++) {
                worst = Math.max(worst, Math.abs(a[k] - b[k]) / Math.max(1.0, Math.abs(a[k])));
            }
        }
        // the reference is a float32 noise-free simulation with v_max 7, K_m 100 (see SimulatorTest)
        assertTrue(worst < 1e-3, "max relative deviation " + worst);
    }

    @Test
    void csvPairReadsAndConverts(@TempDir Path dir) {
        String csvDir = CatalaxReference.file("measurements.csv").getParent().toString();
        CliRun r = CliRun.of("inspect", csvDir, "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("{\"measurements\":120,\"states\":[\"s1\"],\"points_per_measurement\":"
                + "{\"min\":20,\"max\":20}"), r.out());
        String zip = dir.resolve("from-csv.zip").toString();
        assertEquals(0, CliRun.of("convert", "--in", csvDir, "--out", zip).code());
        String back = dir.resolve("csv-again").toString();
        assertEquals(0, CliRun.of("convert", "--in", zip, "--out", back).code());
        assertEquals(CliRun.of("inspect", csvDir, "--json").out(), CliRun.of("inspect", back, "--json").out());
    }

    private static JsonNode metrics(String... args) throws Exception {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(r.out());
    }
}

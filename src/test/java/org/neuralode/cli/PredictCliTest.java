package org.neuralode.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.CatalaxReference;
import org.neuralode.data.Dataset;
import org.neuralode.data.Measurement;
import org.neuralode.io.DatasetFiles;
import org.neuralode.report.FitPlot;

/**
 * {@code predict}: predictions written as a dataset that {@code evaluate} scores as exact, dense times, CSV
 * output, figures, and refusals that write nothing; with {@code --rates}, a fitted Michaelis-Menten model's
 * rates follow the generating rate law, and {@code plot --rates} draws them.
 */
class PredictCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EQX = CatalaxReference.file("menten_trained.eqx").toString();
    private static final String ZIP = CatalaxReference.file("croissant_dataset.zip").toString();

    @Test
    void aModelEvaluatedOnItsOwnPredictionsHasNoError(@TempDir Path dir) throws IOException {
        String out = dir.resolve("pred.zip").toString();
        CliRun r = CliRun.of("predict", "--model", EQX, "--dataset", ZIP, "--out", out);
        assertEquals(0, r.code(), r.err());
        Dataset observed = DatasetFiles.load(ZIP);
        Dataset predicted = DatasetFiles.load(out);
        assertEquals(observed.ids(), predicted.ids());
        for (int i = 0; i < observed.size(); i++) {
            Measurement o = observed.measurements().get(i);
            Measurement p = predicted.measurements().get(i);
            assertArrayEquals(o.time(), p.time(), 0.0);
            assertEquals(o.initialConditions(), p.initialConditions());
            assertFalse(Arrays.equals(o.data().get("s1"), p.data().get("s1")), "values are the model's");
        }
        CliRun ev = CliRun.of("evaluate", "--model", EQX, "--dataset", out, "--json");
        assertEquals(0, ev.code(), ev.err());
        assertTrue(JSON.readTree(ev.out()).get("mae").asDouble() < 1e-9, ev.out());
        assertTrue(JSON.readTree(CliRun.of("evaluate", "--model", EQX, "--dataset", ZIP, "--json").out())
                .get("mae").asDouble() > 0.1, "while on the data it is not exact");
    }

    @Test
    void denseTimesAreTheSortedUnionAndFiguresAndCsvAreWritten(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("pred");
        Path plots = dir.resolve("plots");
        Dataset observed = DatasetFiles.load(ZIP);
        String ids = observed.ids().get(3) + "," + observed.ids().get(0);
        CliRun r = CliRun.of("predict", "--model", EQX, "--dataset", ZIP, "--out", csv.toString(), "--times", "31",
                "--plots", plots.toString(), "--ids", ids);
        assertEquals(0, r.code(), r.err());
        Dataset predicted = DatasetFiles.load(csv.toString());
        Measurement o = observed.measurements().get(5);
        Measurement p = predicted.measurements().get(5);
        TreeSet<Double> union = new TreeSet<>();
        Arrays.stream(o.time()).forEach(union::add);
        for (int i = 0; i < 31; i++) {
            union.add(100.0 * i / 30);
        }
        assertEquals(union.size(), p.length(), "20 times of which 0 and 100 are on the dense grid");
        assertArrayEquals(union.stream().mapToDouble(Double::doubleValue).toArray(), p.time(), 1e-12);
        assertEquals(List.of("fit-1.png"), list(plots));
        assertNotNull(ImageIO.read(plots.resolve("fit-1.png").toFile()));
        assertEquals(2 * FitPlot.PANEL_WIDTH, ImageIO.read(plots.resolve("fit-1.png").toFile()).getWidth(),
                "two panels side by side: --ids chose two measurements");
    }

    @Test
    void aModelOfOtherSpeciesExitsTwoNamingBothAndWritesNothing(@TempDir Path dir) {
        Path out = dir.resolve("pred.zip");
        CliRun r = CliRun.of("predict", "--model", EQX, "--dataset", "datasets/michaelis-menten.zip", "--out",
                out.toString(), "--rates", "--plots", dir.resolve("plots").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("neuralode: error: " + EQX + ": the model's species [s1] do not match the states [S] of the "
                + "dataset datasets/michaelis-menten.zip", r.err().strip());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(dir.resolve("plots")));
        CliRun times = CliRun.of("predict", "--model", EQX, "--dataset", ZIP, "--out", out.toString(), "--times", "1");
        assertEquals(2, times.code(), times.err());
        assertTrue(times.noStackTrace(), times.err());
        assertFalse(Files.exists(out));
    }

    /**
     * A mechanistic fit of the shipped Michaelis-Menten data (simulated with v_max 7, K_m 100): its rates at
     * every predicted point are within 1% of {@code -7 S / (100 + S)}, and {@code plot --rates} draws them.
     */
    @Test
    void ratesOfAFittedMichaelisMentenModelFollowTheRateLaw(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("fit");
        CliRun fit = CliRun.withSets(List.of("train", "--config", "conf/michaelis-menten-fit.yaml", "--out",
                run.toString(), "--no-progress"), "strategy[0].steps=300", "strategy[1].steps=300",
                "strategy[2].steps=200");
        assertEquals(0, fit.code(), fit.err());
        String model = run.resolve("model").toString();
        String out = dir.resolve("mm.zip").toString();
        CliRun r = CliRun.of("predict", "--model", model, "--dataset", "datasets/michaelis-menten.zip", "--out", out,
                "--times", "50", "--rates");
        assertEquals(0, r.code(), r.err());
        Dataset values = DatasetFiles.load(out);
        Dataset rates = DatasetFiles.load(dir.resolve("mm.rates.zip").toString());
        assertEquals(values.ids(), rates.ids());
        int points = 0;
        for (int i = 0; i < values.size(); i++) {
            double[] s = values.measurements().get(i).data().get("S");
            double[] v = rates.measurements().get(i).data().get("S");
            assertArrayEquals(values.measurements().get(i).time(), rates.measurements().get(i).time(), 0.0);
            for (int k = 0; k < s.length; k++) {
                double law = -7.0 * s[k] / (100.0 + s[k]);
                assertEquals(law, v[k], 0.01 * Math.abs(law), "measurement " + i + " point " + k);
                points++;
            }
        }
        assertTrue(points > 12 * 50, "every dense and measured point: " + points);
        Path png = dir.resolve("rates.png");
        CliRun plot = CliRun.of("plot", "--rates", "--model", model, "--dataset", "datasets/michaelis-menten.zip",
                "--out", png.toString());
        assertEquals(0, plot.code(), plot.err());
        assertNotNull(ImageIO.read(png.toFile()));
    }

    private static List<String> list(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}

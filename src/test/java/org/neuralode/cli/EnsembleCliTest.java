package org.neuralode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.CatalaxReference;
import org.neuralode.data.Dataset;
import org.neuralode.io.DatasetFiles;

/**
 * Ensembles through the CLI: {@code train} of {@code conf/michaelis-menten-ensemble.yaml} with 2 members (Spark
 * local[2], a few steps on the shipped Michaelis-Menten data), {@code predict} writing the mean and its band (min-max, or quantiles with
 * {@code --band}), {@code evaluate} reporting the mean's metrics and the members' spread, and the refusals
 * (exit 2, one line, nothing written).
 */
class EnsembleCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATASET = "datasets/michaelis-menten.zip";
    private static final String CONFIG = "conf/michaelis-menten-ensemble.yaml";
    /** A few steps of a small network on a little augmentation, two members. */
    private static final String[] SHORT = {"dataset.augment.n=1", "model.width=4", "strategy=[{lr: 3.0e-3, steps: 20, "
        + "batch_size: 6}]", "ensemble.members=2"};

    @TempDir
    static Path tmp;
    static String model;

    @BeforeAll
    static void trainAnEnsemble() {
        System.setProperty("spark.master", "local[2]");
        System.setProperty("spark.ui.enabled", "false");
        CliRun r = CliRun.withSets(List.of("train", "--config", CONFIG, "--out", tmp.resolve("run").toString(),
                "--no-progress"), SHORT);
        assertEquals(0, r.code(), r.err());
        model = tmp.resolve("run/model").toString();
    }

    @AfterAll
    static void clear() {
        System.clearProperty("spark.master");
        System.clearProperty("spark.ui.enabled");
    }

    @Test
    void predictWritesTheMeanAndABandThatContainsIt() throws IOException {
        String out = tmp.resolve("pred.zip").toString();
        CliRun r = CliRun.of("predict", "--model", model, "--dataset", DATASET, "--out", out, "--times", "20",
                "--rates");
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("pred.zip", "pred.lower.zip", "pred.upper.zip", "pred.rates.zip")) {
            assertTrue(r.err().contains("wrote " + tmp.resolve(f)), r.err());
        }
        Dataset mean = DatasetFiles.load(out);
        Dataset lower = DatasetFiles.load(tmp.resolve("pred.lower.zip").toString());
        Dataset upper = DatasetFiles.load(tmp.resolve("pred.upper.zip").toString());
        assertEquals(DatasetFiles.load(DATASET).ids(), mean.ids());
        int wide = 0;
        for (int i = 0; i < mean.size(); i++) {
            double[] m = mean.measurements().get(i).data().get("S");
            double[] lo = lower.measurements().get(i).data().get("S");
            double[] hi = upper.measurements().get(i).data().get("S");
            for (int k = 0; k < m.length; k++) {
                assertTrue(lo[k] <= m[k] && m[k] <= hi[k], i + "/" + k);
                wide += hi[k] > lo[k] ? 1 : 0;
            }
        }
        assertTrue(wide > 0, "two members differ");
        // the mean scored against itself is exact: the same solves at the same times
        CliRun ev = CliRun.of("evaluate", "--model", model, "--dataset", out, "--json");
        assertEquals(0, ev.code(), ev.err());
        assertTrue(JSON.readTree(ev.out()).get("mae").asDouble() < 1e-9, ev.out());
    }

    /** With two members, quantile q lies at q of the way from the lower member to the upper one (CSV output). */
    @Test
    void aQuantileBandInterpolatesBetweenTheMembers() {
        Path minMax = tmp.resolve("minmax");
        Path quantiles = tmp.resolve("quantiles");
        assertEquals(0, CliRun.of("predict", "--model", model, "--dataset", DATASET, "--out", minMax.toString())
                .code());
        CliRun r = CliRun.of("predict", "--model", model, "--dataset", DATASET, "--out", quantiles.toString(),
                "--band", "0.05,0.95");
        assertEquals(0, r.code(), r.err());
        Dataset lo = DatasetFiles.load(tmp.resolve("minmax.lower").toString());
        Dataset hi = DatasetFiles.load(tmp.resolve("minmax.upper").toString());
        Dataset qlo = DatasetFiles.load(tmp.resolve("quantiles.lower").toString());
        Dataset qhi = DatasetFiles.load(tmp.resolve("quantiles.upper").toString());
        for (int i = 0; i < lo.size(); i++) {
            double[] a = lo.measurements().get(i).data().get("S");
            double[] b = hi.measurements().get(i).data().get("S");
            for (int k = 0; k < a.length; k++) {
                double tolerance = 1e-9 * Math.abs(b[k]);
                assertEquals(a[k] + 0.05 * (b[k] - a[k]), qlo.measurements().get(i).data().get("S")[k], tolerance);
                assertEquals(a[k] + 0.95 * (b[k] - a[k]), qhi.measurements().get(i).data().get("S")[k], tolerance);
            }
        }
    }

    @Test
    void evaluateReportsTheMeansMetricsAndTheMembersSpread() throws IOException {
        CliRun json = CliRun.of("evaluate", "--model", model, "--dataset", DATASET, "--json");
        assertEquals(0, json.code(), json.err());
        JsonNode m = JSON.readTree(json.out());
        assertEquals(240, m.get("n_points").asInt());
        JsonNode e = m.get("ensemble");
        assertEquals(2, e.get("members").asInt());
        assertEquals(2, e.get("member_metrics").size());
        JsonNode spread = e.get("spread");
        double a = e.get("member_metrics").get(0).get("mae").asDouble();
        double b = e.get("member_metrics").get(1).get("mae").asDouble();
        assertEquals(Math.min(a, b), spread.get("min").get("mae").asDouble(), 0.0);
        assertEquals(Math.max(a, b), spread.get("max").get("mae").asDouble(), 0.0);
        assertEquals(Math.abs(a - b) / Math.sqrt(2), spread.get("std").get("mae").asDouble(), 1e-12 * Math.max(a, b));
        CliRun text = CliRun.of("evaluate", "--model", model, "--dataset", DATASET);
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("members              2 (spread over the members: min / mean / max / std)"),
                text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.startsWith("  mae ")), text.out());
    }

    @Test
    void anEnsembleOfOtherSpeciesExitsTwoAndWritesNothing() {
        Path out = tmp.resolve("other.zip");
        String zip = CatalaxReference.file("croissant_dataset.zip").toString();
        CliRun r = CliRun.of("predict", "--model", model, "--dataset", zip, "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("neuralode: error: " + model + ": the model's species [S] do not match the states [s1] of the "
                + "dataset " + zip, r.err().strip());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(tmp.resolve("other.lower.zip")));
    }

    @Test
    void aBadBandExitsTwoNamingTheOptionAndValue() {
        Path out = tmp.resolve("bad.zip");
        for (String band : List.of("0.95,0.05", "0.5,0.5", "-0.1,0.9", "0.1,1.5", "abc", "0.1", "0.1,0.5,0.9",
                "NaN,1")) {
            CliRun r = CliRun.of("predict", "--model", model, "--dataset", DATASET, "--out", out.toString(), "--band",
                    band);
            assertEquals(2, r.code(), band + ": " + r.err());
            assertEquals("neuralode: error: --band: must be two quantiles LO,HI with 0 <= LO < HI <= 1 (e.g. "
                    + "0.05,0.95), got '" + band + "'", r.err().strip());
        }
        String single = tmp.resolve("run/model/member-0").toString();
        CliRun r = CliRun.of("predict", "--model", single, "--dataset", DATASET, "--out", out.toString(), "--band",
                "0.05,0.95");
        assertEquals(2, r.code(), r.err());
        assertEquals("neuralode: error: --band: needs an ensemble model (a directory holding ensemble.json); " + single
                + " is a single model", r.err().strip());
        assertFalse(Files.exists(out));
    }

    /** Commands that take one model name the ensemble's first member; train refuses --init and parallel. */
    @Test
    void oneModelCommandsAndTrainOptionsThatNeedOneModelExitTwo() {
        CliRun export = CliRun.of("export", "--model", model, "--format", "eqx", "--out",
                tmp.resolve("x.eqx").toString());
        assertEquals(2, export.code(), export.err());
        assertEquals("neuralode: error: " + model + ": is an ensemble of 2 members (ensemble.json); this takes one "
                + "model, e.g. its member " + model + "/member-0", export.err().strip());
        CliRun init = CliRun.withSets(List.of("train", "--config", CONFIG, "--out", tmp.resolve("tuned").toString(),
                "--init", model + "/member-0"), SHORT);
        assertEquals(2, init.code(), init.err());
        assertTrue(init.err().contains("--init: fine-tunes one model, but ensemble.members = 2"), init.err());
        CliRun parallel = CliRun.withSets(List.of("train", "--config", CONFIG, "--out", tmp.resolve("par").toString(),
                "--set", "parallel={partitions: 2, averaging_frequency: 5}"), SHORT);
        assertEquals(2, parallel.code(), parallel.err());
        assertTrue(parallel.err().startsWith("neuralode: error: " + CONFIG + ": parallel: "), parallel.err());
        assertTrue(parallel.noStackTrace() && init.noStackTrace() && export.noStackTrace());
        assertFalse(Files.exists(tmp.resolve("tuned")) || Files.exists(tmp.resolve("par")));
    }
}

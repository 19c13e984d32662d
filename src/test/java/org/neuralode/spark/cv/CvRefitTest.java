package org.neuralode.spark.cv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.cli.Main;
import org.neuralode.config.ConfigLoader;
import org.neuralode.config.JobConfig;
import org.neuralode.io.ModelFiles;
import org.neuralode.nn.NeuralOde;
import org.neuralode.report.CvBestMetric;

/**
 * {@code refit: true} on local[2]: the best grid point trained on all the data into {@code DIR/best} as a
 * {@code train} run, skipped on a rerun when complete and redone when not, never with {@code refit: false}
 * or without a best grid point; turning it on later resumes the sweep.
 */
class CvRefitTest extends LocalSparkTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] YAML = CvTestConfigs.yaml("{folds: 3, seed: 7}", "{model.width: [3, 4]}", 1, 10);

    @TempDir
    Path tmp;

    private static CvPlan plan(String... overrides) {
        return CvPlan.load(YAML, "refit.yaml", List.of(overrides));
    }

    private CvJob.Outcome run(CvPlan plan) {
        return CvJob.open(plan, tmp.toString(), false, CvBestMetric.DEFAULT).run(sc);
    }

    @Test
    void refitTrainsTheBestGridPointOnAllTheDataAsATrainRun() throws IOException {
        CvJob.Outcome outcome = run(plan("refit=true"));
        int best = outcome.report().best().gridIndex();
        assertTrue(outcome.refit().computed());
        assertEquals(best, outcome.refit().gridIndex());
        assertEquals("completed", outcome.refit().status());
        Path dir = tmp.resolve(CvRefit.DIR);
        JsonNode run = JSON.readTree(dir.resolve("run.json").toFile());
        assertEquals("train", run.get("command").asText());
        assertEquals("completed", run.get("status").asText());
        assertEquals(24, run.get("dataset").get("train_measurements").asInt(), "all 12 measurements, augmented");
        assertTrue(run.get("dataset").get("validation_measurements").isNull(), "nothing held out");
        JsonNode metrics = JSON.readTree(dir.resolve("metrics.json").toFile());
        assertEquals(480, metrics.get("train").get("n_points").asInt());
        assertTrue(metrics.get("validation").isNull());
        for (String f : List.of("progress.tsv", "plots/loss.png", "model/params.bin")) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }

        long width = (Long) outcome.report().best().grid().get("model.width");
        JobConfig expected = ConfigLoader.load(YAML, "refit.yaml", List.of("refit=true", "model.width=" + width,
                "sweep={}", "dataset.validation=null")).config();
        assertEquals(expected, ConfigLoader.load(Files.readAllBytes(dir.resolve("config.yaml")), "best",
                List.of()).config());
        assertEquals(width, ((NeuralOde) ModelFiles.load(dir.resolve("model").toString())).spec().width());
        assertEquals(0, cli("evaluate", "--model", dir.resolve("model").toString(), "--dataset",
                CvTestConfigs.DATASET, "--json"));

        JsonNode report = JSON.readTree(tmp.resolve("report.json").toFile());
        assertEquals(best, report.get("refit").get("grid_index").asInt());
        assertEquals("completed", report.get("refit").get("status").asText());
        assertTrue(Files.readString(tmp.resolve("report.html")).contains("<h2>Refit</h2>"));
    }

    @Test
    void trainOnTheRefitsConfigReproducesItsModel() throws IOException {
        run(plan("refit=true"));
        Path dir = tmp.resolve(CvRefit.DIR);
        Path again = tmp.resolve("again");
        assertEquals(0, cli("train", "--config", dir.resolve("config.yaml").toString(), "--out", again.toString(),
                "--no-progress"));
        for (String f : List.of("model/params.bin", "progress.tsv")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve(f)), Files.readAllBytes(again.resolve(f)), f);
        }
    }

    @Test
    void aRerunSkipsACompleteRefitAndRedoesAnIncompleteOne() throws IOException {
        run(plan("refit=true"));
        byte[] report = Files.readAllBytes(tmp.resolve("report.json"));
        Map<Path, FileTime> best = modificationTimes(tmp.resolve(CvRefit.DIR));
        byte[] params = Files.readAllBytes(tmp.resolve("best/model/params.bin"));

        CvJob.Outcome resumed = run(plan("refit=true"));
        assertEquals(0, resumed.computed());
        assertFalse(resumed.refit().computed(), "a complete refit is skipped");
        assertEquals("completed", resumed.refit().status());
        assertEquals(best, modificationTimes(tmp.resolve(CvRefit.DIR)), "best/ was not rewritten");
        assertArrayEquals(report, Files.readAllBytes(tmp.resolve("report.json")));

        Path marker = tmp.resolve("best/run.json");
        Files.writeString(marker, Files.readString(marker).replace("\"completed\"", "\"running\""));
        Files.delete(tmp.resolve("best/model/params.bin"));
        CvJob.Outcome redone = run(plan("refit=true"));
        assertTrue(redone.refit().computed(), "an incomplete refit is redone");
        assertEquals("completed", JSON.readTree(marker.toFile()).get("status").asText());
        assertArrayEquals(params, Files.readAllBytes(tmp.resolve("best/model/params.bin")));
        assertArrayEquals(report, Files.readAllBytes(tmp.resolve("report.json")));
    }

    @Test
    void refitOffWritesNoBestAndTurningItOnLaterResumesTheSweep() throws IOException {
        CvJob.Outcome off = run(plan());
        assertNull(off.refit());
        assertFalse(Files.exists(tmp.resolve(CvRefit.DIR)));
        assertFalse(JSON.readTree(tmp.resolve("report.json").toFile()).has("refit"));
        assertFalse(Files.readString(tmp.resolve("report.html")).contains("Refit"));

        CvJob.Outcome on = run(plan("refit=true"));
        assertEquals(0, on.computed(), "the sweep's tasks are reused");
        assertTrue(on.refit().computed());
        assertTrue(Files.exists(tmp.resolve("best/model/params.bin")));
    }

    @Test
    void withoutACompletedTaskTheRefitIsSkipped() throws IOException {
        // one solver step cannot integrate a measurement: every update and every prediction fails
        CvJob.Outcome outcome = run(plan("refit=true", "solver.max_steps=1", "training.max_failures=1"));
        assertNull(outcome.report().best());
        assertEquals(CvRefit.NO_BEST, outcome.refit().status());
        assertFalse(outcome.refit().computed());
        assertFalse(Files.exists(tmp.resolve(CvRefit.DIR)));
        JsonNode refit = JSON.readTree(tmp.resolve("report.json").toFile()).get("refit");
        assertEquals(CvRefit.NO_BEST, refit.get("status").asText());
        assertTrue(refit.get("grid_index").isNull());
    }

    private static int cli(String... args) {
        return Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true), args);
    }

    private static Map<Path, FileTime> modificationTimes(Path dir) throws IOException {
        Map<Path, FileTime> m = new HashMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path p : files) {
            m.put(p, Files.getLastModifiedTime(p));
        }
        return m;
    }
}

package org.neuralode.spark.cv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.InputException;
import org.neuralode.report.CvBestMetric;
import org.neuralode.report.CvSummary;
import org.neuralode.report.CvTaskResult;

/** cv on local[2]: task files, report shape, resume, refusal of another configuration, ensembles. */
class CvJobTest extends LocalSparkTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    @Test
    void leaveOneOutOverTwoGridPointsWritesTwentyFourTasksAndTheReport() throws IOException {
        CvPlan plan = CvTestConfigs.leaveOneOutTwoPoints();
        CvJob.Outcome outcome = CvJob.open(plan, tmp.toString(), false, CvBestMetric.DEFAULT).run(sc);
        assertEquals(24, outcome.tasks());
        assertEquals(24, outcome.computed());
        try (Stream<Path> files = Files.list(tmp.resolve("tasks"))) {
            assertEquals(24, files.filter(p -> p.toString().endsWith(".json")).count());
        }
        JsonNode report = JSON.readTree(tmp.resolve("report.json").toFile());
        assertEquals(24, report.get("tasks").size());
        assertEquals(2, report.get("summary").size());
        for (JsonNode s : report.get("summary")) {
            assertEquals(12, s.get("n").asInt());
            assertTrue(s.get("mean").get("mae").asDouble() > 0);
        }
        Set<String> heldOut = new HashSet<>();
        for (JsonNode t : report.get("tasks")) {
            assertEquals(1, t.get("held_out").size());
            heldOut.add(t.get("grid_index").asInt() + "/" + t.get("held_out").get(0).asText());
            // held-out side is never augmented: 20 points of one measurement; training side: 11 x 2 x 20
            assertEquals(20, t.get("validation").get("n_points").asInt());
            assertEquals(440, t.get("train").get("n_points").asInt());
        }
        assertEquals(24, heldOut.size(), "every measurement held out once per grid point");
        assertBestIsTheLowestMean(report);
        assertEquals(25, Files.readAllLines(tmp.resolve("report.csv")).size());
        String html = Files.readString(tmp.resolve("report.html"));
        assertEquals(4, html.split("data:image/png;base64,", -1).length - 1,
                "four embedded figures: comparison, per-fold metric, observed vs predicted, best fits");
        assertTrue(Files.exists(tmp.resolve("models/g001-f011-m000/params.bin")));
    }

    private static void assertBestIsTheLowestMean(JsonNode report) {
        double best = Double.POSITIVE_INFINITY;
        int index = -1;
        for (JsonNode s : report.get("summary")) {
            double v = s.get("mean").get("mae").asDouble();
            if (v < best) {
                best = v;
                index = s.get("grid_index").asInt();
            }
        }
        assertEquals(index, report.get("best").get("grid_index").asInt());
        assertEquals(best, report.get("best").get("value").asDouble());
        assertEquals("mae", report.get("best").get("metric").asText());
    }

    @Test
    void resumeRecomputesOnlyMissingTasksAndGivesTheSameReport() throws IOException {
        CvPlan plan = kFoldPlan(List.of());
        String out = tmp.resolve("run").toString();
        CvJob.open(plan, out, false, CvBestMetric.DEFAULT).run(sc);
        byte[] reportBefore = Files.readAllBytes(Path.of(out, "report.json"));
        byte[] csvBefore = Files.readAllBytes(Path.of(out, "report.csv"));
        List<String> deleted = List.of("g000-f001-m000", "g001-f000-m000", "g001-f002-m000");
        for (String id : deleted) {
            Files.delete(Path.of(out, "tasks", id + ".json"));
        }
        Map<Path, FileTime> kept = modificationTimes(Path.of(out, "tasks"));

        CvJob resumed = CvJob.open(plan, out, false, CvBestMetric.DEFAULT);
        List<String> pending = resumed.pending().stream().map(CvTask::id).toList();
        assertEquals(deleted, pending);
        CvJob.Outcome outcome = resumed.run(sc);
        assertEquals(3, outcome.computed());
        assertEquals(5, outcome.skipped());
        assertEquals(kept, modificationTimesOf(kept.keySet()), "finished tasks were not rewritten");
        assertArrayEquals(reportBefore, Files.readAllBytes(Path.of(out, "report.json")));
        assertArrayEquals(csvBefore, Files.readAllBytes(Path.of(out, "report.csv")));

        CvJob.Outcome again = CvJob.open(plan, out, false, CvBestMetric.DEFAULT).run(sc);
        assertEquals(0, again.computed());
        assertArrayEquals(reportBefore, Files.readAllBytes(Path.of(out, "report.json")));
    }

    @Test
    void anotherConfigurationIsRefusedUnlessOverwriting() {
        String out = tmp.resolve("run").toString();
        CvJob.open(kFoldPlan(List.of()), out, false, CvBestMetric.DEFAULT).run(sc);
        CvPlan other = kFoldPlan(List.of("model.seed=4"));
        InputException e = assertThrows(InputException.class,
                () -> CvJob.open(other, out, false, CvBestMetric.DEFAULT));
        assertTrue(e.getMessage().contains("another configuration"), e.getMessage());
        CvJob overwritten = CvJob.open(other, out, true, CvBestMetric.DEFAULT);
        assertEquals(8, overwritten.pending().size(), "stale results of the other configuration are recomputed");
    }

    @Test
    void ensembleMembersHaveTheirOwnSeedsAndTheSummaryCountsThem() throws IOException {
        CvPlan plan = CvPlan.load(CvTestConfigs.yaml("{folds: 2, seed: 1}", "{}", 3, 10), "ens.yaml", List.of());
        String out = tmp.toString();
        CvJob.Outcome outcome = CvJob.open(plan, out, false, CvBestMetric.parse("train.r_squared")).run(sc);
        assertEquals(6, outcome.computed());
        Map<Integer, List<Double>> firstPrediction = new HashMap<>();
        for (int member = 0; member < 3; member++) {
            JsonNode t = JSON.readTree(Path.of(out, "tasks", CvTask.id(0, 0, member) + ".json").toFile());
            assertEquals(3 + member, t.get("seeds").get("model").asInt());
            assertEquals(11 + member, t.get("seeds").get("training").asInt());
            List<Double> p = new ArrayList<>();
            t.get("predictions").get(0).get("predicted").forEach(r -> p.add(r.get(0).asDouble()));
            firstPrediction.put(member, p);
        }
        assertNotEquals(firstPrediction.get(0), firstPrediction.get(1));
        CvSummary s = outcome.report().summaries().get(0);
        assertEquals(6, s.n());
        assertEquals("r_squared", outcome.report().bestMetric().metric());
        assertNotNull(outcome.report().best());
        for (CvTaskResult t : outcome.report().tasks()) {
            assertEquals(6, t.heldOut().size());
        }
    }

    private static CvPlan kFoldPlan(List<String> overrides) {
        return CvPlan.load(CvTestConfigs.yaml("{folds: 4, seed: 7}", "{\"strategy[0].lr\": [1.0e-3, 3.0e-3]}", 1, 10),
                "kfold.yaml", overrides);
    }

    private static Map<Path, FileTime> modificationTimes(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return modificationTimesOf(files.toList());
        }
    }

    private static Map<Path, FileTime> modificationTimesOf(Iterable<Path> files) throws IOException {
        Map<Path, FileTime> m = new HashMap<>();
        for (Path p : files) {
            m.put(p, Files.getLastModifiedTime(p));
        }
        return m;
    }
}

package org.neuralode.spark.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.InputException;
import org.neuralode.config.ConfigLoader;
import org.neuralode.data.Dataset;
import org.neuralode.data.Measurement;
import org.neuralode.data.Splits;
import org.neuralode.io.DatasetFiles;
import org.neuralode.io.EnsembleManifest;
import org.neuralode.io.ModelFiles;
import org.neuralode.io.RunDirectory;
import org.neuralode.io.Storage;
import org.neuralode.ode.SolverOptions;
import org.neuralode.spark.cv.LocalSparkTest;
import org.neuralode.workflow.Ensemble;
import org.neuralode.workflow.EnsembleTrainJob;
import org.neuralode.workflow.MemoryBudget;
import org.neuralode.workflow.TrainJob;

/**
 * {@code train} of {@code conf/michaelis-menten-ensemble.yaml} with 3 members on local[2] (a few steps on the
 * shipped Michaelis-Menten data): the model directory is a manifest and member models that load alone, trained with the seeds cv
 * derives; the band of {@link Ensemble#predict} contains every member's prediction and the mean; metrics.json
 * scores the mean with the members' spread.
 */
class EnsembleTrainTest extends LocalSparkTest {

    private static final String DATASET = "datasets/michaelis-menten.zip";
    private static final String CONFIG = "conf/michaelis-menten-ensemble.yaml";
    /** A few steps of a small network on a little augmentation, three members. */
    static final List<String> SHORT = List.of("dataset.augment.n=1", "model.width=4", "model.seed=3",
            "training.seed=11", "strategy=[{lr: 3.0e-3, steps: 20, batch_size: 6}]", "ensemble.members=3");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path run;
    static EnsembleTrainJob job;
    static EnsembleTrainJob.Outcome outcome;

    @BeforeAll
    static void trainTheEnsemble() {
        job = new EnsembleTrainJob(ConfigLoader.load(Storage.read(CONFIG), CONFIG, SHORT), CONFIG);
        job.prepare(MemoryBudget.heap(2));
        run = tmp.resolve("run");
        outcome = job.run(RunDirectory.open(run.toString(), false), new SparkMemberTraining(sc), () -> false);
    }

    @Test
    void theModelIsAManifestAndMemberModelsThatLoadAlone() {
        assertEquals("completed", outcome.status(), outcome.message());
        String dir = run.resolve("model").toString();
        EnsembleManifest manifest = EnsembleManifest.read(dir);
        assertEquals(List.of(new EnsembleManifest.Member("member-0", 3, 11), new EnsembleManifest.Member("member-1",
                4, 12), new EnsembleManifest.Member("member-2", 5, 13)), manifest.members(), "cv's seeds: + j");
        Ensemble ensemble = Ensemble.load(dir);
        for (int j = 0; j < 3; j++) {
            double[] alone = ModelFiles.load(run.resolve("model/member-" + j).toString()).theta();
            assertArrayEquals(ModelFiles.load(run.resolve("members/member-" + j + "/model").toString()).theta(), alone);
            assertArrayEquals(alone, ensemble.members().get(j).theta());
        }
        InputException e = assertThrows(InputException.class, () -> ModelFiles.load(dir));
        assertTrue(e.getMessage().contains("is an ensemble of 3 members"), e.getMessage());
    }

    /** Member j is what {@code train} makes of the configuration with cv's member overrides, to the byte. */
    @Test
    void aMemberIsTheOneModelTrainOfItsConfiguration() throws IOException {
        assertEquals(4, job.member(1).config().model().seed());
        assertEquals(12, job.member(1).config().training().seed());
        assertEquals(1, job.member(1).config().ensemble().members());
        Path local = tmp.resolve("member-1-alone");
        new TrainJob(job.member(1), CONFIG).run(RunDirectory.open(local.toString(), false), false);
        assertArrayEquals(Files.readAllBytes(local.resolve("model/params.bin")),
                Files.readAllBytes(run.resolve("model/member-1/params.bin")));
    }

    @Test
    void theBandContainsEveryMembersPredictionAndTheMean() {
        Ensemble ensemble = Ensemble.load(run.resolve("model").toString());
        Dataset data = DatasetFiles.load(DATASET);
        Ensemble.Prediction p = ensemble.predict(data, SolverOptions.defaults(), 30, Ensemble.Band.MIN_MAX);
        Ensemble.Prediction q = ensemble.predict(data, SolverOptions.defaults(), 30, new Ensemble.Band(0.05, 0.95));
        int spread = 0;
        for (int i = 0; i < data.size(); i++) {
            double[] lo = series(p.lower(), i);
            double[] hi = series(p.upper(), i);
            double[] mean = series(p.mean(), i);
            for (int k = 0; k < lo.length; k++) {
                double[] v = new double[3];
                for (int j = 0; j < 3; j++) {
                    v[j] = series(p.members().get(j), i)[k];
                    assertTrue(lo[k] <= v[j] && v[j] <= hi[k], "member " + j + " at " + i + "/" + k);
                }
                assertTrue(lo[k] <= mean[k] && mean[k] <= hi[k]);
                java.util.Arrays.sort(v);
                assertEquals(v[0], lo[k], 0.0, "min");
                assertEquals(v[2], hi[k], 0.0, "max");
                // numpy.percentile's linear rule over 3 members: h = 2q
                assertEquals(v[0] + 0.1 * (v[1] - v[0]), series(q.lower(), i)[k], 1e-12 * Math.abs(v[0]));
                assertEquals(v[1] + 0.9 * (v[2] - v[1]), series(q.upper(), i)[k], 1e-12 * Math.abs(v[2]));
                spread += hi[k] > lo[k] ? 1 : 0;
            }
        }
        assertTrue(spread > 0, "the members differ");
    }

    @Test
    void metricsScoreTheMeanWithTheMembersSpread() throws IOException {
        JsonNode m = JSON.readTree(run.resolve("metrics.json").toFile());
        Dataset data = DatasetFiles.load(DATASET);
        Dataset validation = Splits.trainTestSplit(data, 0.2, 0).test();
        Ensemble ensemble = Ensemble.load(run.resolve("model").toString());
        assertEquals(ensemble.metrics(validation, SolverOptions.defaults()).mean().mae(),
                m.get("validation").get("mae").asDouble(), 1e-12);
        for (String side : List.of("train", "validation")) {
            JsonNode e = m.get(side).get("ensemble");
            assertEquals(3, e.get("members").asInt());
            assertEquals(3, e.get("member_metrics").size());
            JsonNode spread = e.get("spread");
            assertTrue(spread.get("min").get("mae").asDouble() <= spread.get("mean").get("mae").asDouble());
            assertTrue(spread.get("mean").get("mae").asDouble() <= spread.get("max").get("mae").asDouble());
            assertTrue(spread.get("std").get("mae").asDouble() > 0, side);
            assertEquals(3 * ensemble.members().get(0).numParams(), m.get(side).get("n_parameters").asInt());
        }
        assertEquals(3, m.get("members").size());
        assertEquals("completed", m.get("members").get(2).get("status").asText());
        assertEquals("members/member-2", m.get("members").get(2).get("dir").asText());
        JsonNode record = JSON.readTree(run.resolve("run.json").toFile());
        assertEquals("completed", record.get("status").asText());
        assertEquals(3, record.get("ensemble").get("n_members").asInt());
        for (String f : List.of("config.yaml", "plots/fit-validation-1.png", "members/member-0/progress.tsv",
                "members/member-2/run.json")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
    }

    @Test
    void parallelTrainingOfAnEnsembleIsRefused() {
        List<String> overrides = new ArrayList<>(SHORT);
        overrides.add("parallel={partitions: 2, averaging_frequency: 5}");
        ConfigLoader.Loaded loaded = ConfigLoader.load(Storage.read(CONFIG), CONFIG, overrides);
        InputException e = assertThrows(InputException.class, () -> new EnsembleTrainJob(loaded, CONFIG));
        assertTrue(e.getMessage().startsWith(CONFIG + ": parallel: "), e.getMessage());
    }

    private static double[] series(Dataset d, int i) {
        Measurement m = d.measurements().get(i);
        return m.data().get("S");
    }
}

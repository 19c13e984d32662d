package org.neuralode.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuralode.InputException;
import org.neuralode.config.ConfigLoader;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpSpec;

/** The memory estimate's formula, and that the shipped recipes fit a small heap. */
class MemoryEstimateTest {

    private static final String RECIPE = "conf/michaelis-menten.yaml";
    private static final MemoryBudget SMALL = new MemoryBudget(64L << 20, "a 64 MiB test heap", "-Xmx");

    private static TrainJob job(String... sets) throws Exception {
        return new TrainJob(ConfigLoader.load(Files.readAllBytes(Path.of(RECIPE)), RECIPE, List.of(sets)), RECIPE);
    }

    private static MemoryEstimate estimate(String... sets) throws Exception {
        TrainJob job = job(sets);
        TrainJob.Data data = job.prepareData();
        return MemoryEstimate.of(job.config(), data.original(), TrainingBackend.local(null, null).measurementsPerTask(data));
    }

    @Test
    void theRecipeNeedsLittleAndPassesTheCheck() throws Exception {
        MemoryEstimate e = estimate();
        assertTrue(e.total() < (1L << 20), MemoryEstimate.size(e.total()));
        e.check(SMALL, RECIPE);
        e.check(MemoryBudget.heap(Runtime.getRuntime().availableProcessors()), RECIPE);
    }

    @Test
    void theTermsFollowTheDocumentedFormula() throws Exception {
        MemoryEstimate e = estimate();
        long params = new MlpSpec(1, 16, 1, Activation.SELU, false).numParams(); // 64
        assertEquals(8L * 8 * params, e.parameters());
        // 2 D W (B+1) + 5 max(S+1, W) B + R (T+1) (s+1) S: 1 state, 20 points, batch 20, tsit5's 7 stages
        assertEquals(8L * (2 * 16 * 65 + 5 * 16 * 64 + 20 * 21 * 8), e.workspaces());
        // 9 training measurements x 11 + 3 validation, each 2 T (S+1) + 32 doubles
        assertEquals(8L * (9 * 11 + 3) * (2 * 20 * 2 + 32), e.data());
    }

    @Test
    void theRefusalNamesTheDrivingKeysAndTheLimit() throws Exception {
        InputException wide = assertThrows(InputException.class,
                () -> estimate("model.width=100000000").check(SMALL, RECIPE));
        assertTrue(wide.getMessage().startsWith(RECIPE + ": model.width = 100000000, model.depth = 1: a training "
                + "needs about "), wide.getMessage());
        assertTrue(wide.getMessage().contains("but a 64 MiB test heap is 64.0 MiB"), wide.getMessage());
        InputException many = assertThrows(InputException.class,
                () -> estimate("dataset.augment.n=1000000000").check(SMALL, RECIPE));
        assertTrue(many.getMessage().contains("dataset.augment.n = 1000000000 (9000000012 training measurements)"),
                many.getMessage());
    }
}

package org.neuralode.spark.avg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuralode.data.Dataset;
import org.neuralode.io.DatasetFiles;
import org.neuralode.spark.cv.LocalSparkTest;
import org.neuralode.train.Phase;

/**
 * {@code bench --part parallel} on a tiny workload: the four runs in order, their counters, and one partition
 * reaching exactly the local run's validation MAE (it trains the same model bit for bit).
 */
class ParallelBenchmarkTest extends LocalSparkTest {

    @Test
    void runsTheFourWaysAndOnePartitionMatchesLocal() {
        ParallelBenchmark.Workload tiny = new ParallelBenchmark.Workload("tiny", 1,
                List.of(new Phase(1e-3, 6, 8, 0.3, 0.1, 0), new Phase(1e-3, 6, 8, 1.0, 0.01, 0)), 3);
        List<ParallelBenchmark.Row> printed = new ArrayList<>();
        List<ParallelBenchmark.Row> rows = ParallelBenchmark.run(sc,
                DatasetFiles.load("datasets/catalax/croissant_dataset.zip"), tiny, 2, printed::add);
        assertEquals(rows, printed);
        assertEquals(List.of("local", "p=1 average k=2", "p=2 average k=2", "p=2 sync"),
                rows.stream().map(ParallelBenchmark.Row::run).toList());
        assertEquals(0, rows.get(0).rounds());
        // four rounds a 6-step phase: at most k = 2 steps, cut at the monitoring steps 0, 3 and 5
        assertEquals(8, rows.get(1).rounds());
        assertEquals(12, rows.get(3).rounds(), "sync: a round per step");
        assertEquals(rows.get(0).validationMae(), rows.get(1).validationMae(), 0.0);
        for (ParallelBenchmark.Row r : rows) {
            assertTrue(r.trajectoryStepsPerSecond() > 0 && r.wallSeconds() > 0, r.toString());
        }
    }

    @Test
    void theWarmUpRunsOneJobPerStep() {
        Dataset reference = DatasetFiles.load("datasets/catalax/croissant_dataset.zip");
        assertEquals(7, ParallelBenchmark.warm(sc, reference, 7));
        assertEquals(0, ParallelBenchmark.warm(sc, reference, 0));
    }
}

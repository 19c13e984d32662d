package org.neuralode.spark.cv;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Killing the driver of a sweep into a local directory and resuming it ({@link KilledSweep}). */
@Tag("cluster")
class CvDriverKillTest {

    @TempDir
    Path tmp;

    @Test
    void rerunAfterDriverKillComputesOnlyMissingTasksAndGivesTheSameReport() throws Exception {
        Path config = tmp.resolve("cv.yaml").toAbsolutePath();
        Files.write(config, CvTestConfigs.yaml("{leave_one_out: true}", "{model.width: [3, 4]}", 1, 150));
        KilledSweep.killResumeAndCompare(tmp, config.toString(), tmp.resolve("killed").toString(),
                tmp.resolve("uninterrupted").toString());
    }
}

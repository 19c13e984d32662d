package org.neuralode.spark.cv;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.io.MiniHdfs;

/**
 * {@code cv} on a real HDFS (in-process NameNode and DataNode): configuration, dataset and {@code --out}
 * all {@code hdfs://}; the driver is killed mid-sweep and the run resumed ({@link KilledSweep}), and its
 * report.json is byte-identical to that of an uninterrupted run into a local directory.
 */
@Tag("hdfs")
class CvHdfsTest {

    @RegisterExtension
    static final MiniHdfs HDFS = new MiniHdfs();

    @TempDir
    Path tmp;

    @Test
    void sweepOnHdfsKilledAndResumedGivesTheReportOfALocalRun() throws Exception {
        String dataset = HDFS.put(Path.of(CvTestConfigs.DATASET), "/data/michaelis-menten.zip");
        Path local = tmp.resolve("cv.yaml");
        Files.write(local, CvTestConfigs.yaml(dataset, "{leave_one_out: true}", "{model.width: [3, 4]}", 1, 150));
        String config = HDFS.put(local, "/conf/cv.yaml");
        KilledSweep.killResumeAndCompare(tmp, config, HDFS.location("/runs/cv"),
                tmp.resolve("uninterrupted").toString());
    }
}

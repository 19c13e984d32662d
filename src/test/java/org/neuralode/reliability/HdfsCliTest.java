package org.neuralode.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.data.Hashes;
import org.neuralode.io.MiniHdfs;
import org.neuralode.io.Storage;

/**
 * The command line against a real HDFS (in-process NameNode and DataNode): {@code train} reads its
 * configuration and dataset from {@code hdfs://} and writes its run there; a missing {@code hdfs://} file
 * and an unreachable NameNode are refused like any bad input (exit 2, one stderr line naming the location,
 * no stack trace), the latter within seconds rather than Hadoop's minutes of connection retries.
 */
@Tag("hdfs")
class HdfsCliTest {

    private static final String DATASET = "datasets/michaelis-menten.zip";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniHdfs HDFS = new MiniHdfs();
    private static String dataset;

    @TempDir
    Path dir;

    @BeforeAll
    static void putDataset() throws IOException {
        dataset = HDFS.put(Path.of(DATASET), "/data/michaelis-menten.zip");
    }

    /** A short training configuration on {@code datasetLocation}, written locally; returns its path. */
    private String config(String datasetLocation) throws IOException {
        Path c = dir.resolve("train.yaml");
        Files.writeString(c, "dataset:\n  path: " + datasetLocation + "\n"
                + "  augment: {n: 2, sigma: 0.01, seed: 42}\n  validation: {fraction: 0.2, seed: 0}\n"
                + "model: {width: 4, depth: 1, activation: selu, weight_scale: 1.0e-3, seed: 0}\n"
                + "strategy: [{lr: 1.0e-3, steps: 20, batch_size: 10}]\ntraining: {seed: 420}\n");
        return c.toString();
    }

    @Test
    void trainReadsConfigAndDatasetFromHdfsAndWritesItsRunThere() throws IOException {
        String config = HDFS.put(Path.of(config(dataset)), "/conf/train.yaml");
        String out = HDFS.location("/runs/train");
        Cli r = Cli.run("train", "--config", config, "--out", out, "--no-progress");
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("metrics.json", "config.yaml", "run.json", "model/model.json", "model/params.bin",
                "plots/loss.png")) {
            assertTrue(Storage.exists(Storage.resolve(out, f)), f);
        }
        JsonNode run = JSON.readTree(Storage.read(Storage.resolve(out, "run.json")));
        assertEquals(dataset, run.get("dataset").get("path").asText());
        assertEquals(Hashes.sha256(Files.readAllBytes(Path.of(DATASET))), run.get("dataset").get("sha256").asText());

        Path local = dir.resolve("local");
        assertEquals(0, Cli.run("train", "--config", config, "--out", local.toString(), "--no-progress").code());
        JsonNode onHdfs = JSON.readTree(Storage.read(Storage.resolve(out, "metrics.json")));
        JsonNode onDisk = JSON.readTree(local.resolve("metrics.json").toFile());
        assertEquals(onDisk.get("train"), onHdfs.get("train"));
        assertEquals(onDisk.get("validation"), onHdfs.get("validation"));
    }

    @Test
    void aMissingHdfsDatasetOrConfigIsRefusedNamingIt() throws IOException {
        String missing = HDFS.location("/data/missing.zip");
        Cli.run("inspect", missing).assertRefused(missing, "no such file");
        Cli.run("train", "--config", config(missing), "--out", dir.resolve("out").toString())
                .assertRefused(missing, "no such file");
        String missingConfig = HDFS.location("/conf/missing.yaml");
        Cli.run("train", "--config", missingConfig, "--out", dir.resolve("out").toString())
                .assertRefused(missingConfig, "no such file");
        Cli.run("cv", "--config", missingConfig, "--out", HDFS.location("/runs/cv"))
                .assertRefused(missingConfig, "no such file");
    }

    /** The JUnit timeout guards against Hadoop's default retries (minutes); the run takes about 3 s. */
    @Test
    @Timeout(30)
    void anUnreachableNamenodeForTheDatasetIsRefusedNamingIt() throws IOException {
        String unreachable = MiniHdfs.unreachable("/data/x.zip");
        Cli.run("train", "--config", config(unreachable), "--out", dir.resolve("out").toString(), "--no-progress")
                .assertRefused(unreachable, "cannot reach 127.0.0.1:", "connection refused");
    }

    @Test
    @Timeout(30)
    void anUnreachableNamenodeForTheConfigIsRefusedNamingIt() throws IOException {
        String unreachable = MiniHdfs.unreachable("/conf/cv.yaml");
        Cli.run("cv", "--config", unreachable, "--out", dir.resolve("out").toString())
                .assertRefused(unreachable, "cannot reach 127.0.0.1:", "connection refused");
    }

    @Test
    @Timeout(30)
    void anUnreachableNamenodeForTheOutputIsRefusedNamingIt() throws IOException {
        String unreachable = MiniHdfs.unreachable("/runs/train");
        Cli.run("train", "--config", config(dataset), "--out", unreachable, "--no-progress")
                .assertRefused(unreachable, "cannot reach 127.0.0.1:", "connection refused");
    }
}

package org.neuralode.spark.avg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.cli.Main;

/**
 * {@code train} with {@code parallel:} routes to the parameter-averaging backend (its own local[2] context,
 * stopped afterwards): one partition writes the local run's files to the byte; too many partitions is a
 * user error (exit 2).
 */
class ParallelTrainCommandTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void master() {
        System.setProperty("spark.master", "local[2]");
        System.setProperty("spark.ui.enabled", "false");
    }

    @AfterEach
    void clear() {
        System.clearProperty("spark.master");
        System.clearProperty("spark.ui.enabled");
    }

    private record Run(int code, String err) { }

    private static Run train(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--config", "conf/michaelis-menten.yaml",
                "--out", out.toString(), "--no-progress", "--set", "strategy[0].steps=12", "--set",
                "strategy[1].steps=8", "--set", "strategy[2].steps=5", "--set", "training.print_every=4"));
        for (String e : extra) {
            args.add("--set");
            args.add(e);
        }
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                args.toArray(String[]::new));
        return new Run(code, err.toString());
    }

    @Test
    void onePartitionWritesTheLocalRunToTheByte() throws IOException {
        assertEquals(0, train(tmp.resolve("local")).code());
        assertEquals(0, train(tmp.resolve("p1"), "parallel={partitions: 1, averaging_frequency: 3}").code());
        for (String f : List.of("progress.tsv", "model/model.json", "model/params.bin")) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("local").resolve(f)),
                    Files.readAllBytes(tmp.resolve("p1").resolve(f)), f);
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(tmp.resolve("local/metrics.json").toFile());
        JsonNode b = json.readTree(tmp.resolve("p1/metrics.json").toFile());
        assertEquals(a.get("train"), b.get("train"));
        assertEquals(a.get("validation"), b.get("validation"));
        assertEquals(a.get("training"), b.get("training"));
    }

    @Test
    void synchronousModeWithOnePartitionWritesTheLocalRunToTheByte() throws IOException {
        assertEquals(0, train(tmp.resolve("local")).code());
        assertEquals(0, train(tmp.resolve("sync"), "parallel={partitions: 1, mode: sync}").code());
        for (String f : List.of("progress.tsv", "model/params.bin")) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("local").resolve(f)),
                    Files.readAllBytes(tmp.resolve("sync").resolve(f)), f);
        }
        Run bad = train(tmp.resolve("bad"), "parallel={partitions: 2, mode: fast}");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("parallel.mode = fast"), bad.err());
    }

    @Test
    void runJsonRecordsThePlanOfAnAutoRun() throws IOException {
        assertEquals(0, train(tmp.resolve("auto"), "parallel={partitions: auto, averaging_frequency: auto}").code());
        JsonNode par = new ObjectMapper().readTree(tmp.resolve("auto/run.json").toFile()).get("parallel");
        assertEquals("average", par.get("mode").asText());
        assertEquals(2, par.get("partitions").asInt(), "local[2] offers two cores");
        JsonNode k = par.get("averaging_frequency");
        assertEquals(3, k.size(), "one k per phase: " + par);
        for (JsonNode phaseK : k) {
            assertTrue(phaseK.asInt() >= 1, par.toString());
        }
        assertTrue(par.get("rounds").asInt() > 0 && par.get("mean_round_ms").asDouble() > 0, par.toString());
        assertEquals(0, train(tmp.resolve("fixed"), "parallel={partitions: 2, averaging_frequency: 3}").code());
        JsonNode fixed = new ObjectMapper().readTree(tmp.resolve("fixed/run.json").toFile()).get("parallel");
        assertEquals("[3,3,3]", fixed.get("averaging_frequency").toString());
    }

    @Test
    void morePartitionsThanTrainingMeasurementsIsBadInput() {
        // 12 measurements, 20% held out: 9 train before augmentation.
        Run r = train(tmp.resolve("p10"), "parallel={partitions: 10, averaging_frequency: 3}");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("parallel.partitions: is 10 but the training side has 9 measurements"),
                r.err());
    }
}

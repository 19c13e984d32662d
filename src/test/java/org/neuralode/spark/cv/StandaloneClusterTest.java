package org.neuralode.spark.cv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on 127.0.0.1: a Master and two Workers (one core each) as separate JVMs,
 * a {@code cv} sweep submitted through {@code SparkSubmit} in a third JVM (client mode) with the shaded
 * {@code -cluster.jar} that users submit, and one Worker killed with SIGKILL (with its executor: a lost
 * machine) while tasks run. The sweep must still complete with every task's result and a complete report.
 *
 * <p>The cluster is what a Spark installation has: a temporary {@code SPARK_HOME} whose {@code jars/} links
 * Spark's own jars only ({@link SparkDistribution}), the same jars on the driver's classpath; everything of
 * the application (its classes and dependencies) reaches driver and executors only through the submitted jar,
 * so a dependency the shade misses fails here. Needs {@code mvn package} first. Every process is stopped by
 * PID at the end. Also parameter-averaged {@code train}: a worker lost mid-phase changes nothing in its result.
 */
@Tag("cluster")
class StandaloneClusterTest {

    private static final int TASKS = 12;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    /** A running standalone cluster: its master URL, its workers' processes and what a submit needs. */
    private record Cluster(String master, List<Process> workers, Map<String, String> env, List<String> sparkJars,
                           String logging) {

        /** Submits {@code args} to {@code Main} in the cluster jar (client mode), logging to {@code log}. */
        Process submit(ChildJvms jvms, Path log, String... args) throws Exception {
            List<String> argv = new ArrayList<>(List.of("--master", master, "--deploy-mode", "client",
                    "--class", "org.neuralode.cli.Main", "--conf", "spark.ui.enabled=false",
                    "--conf", "spark.executor.memory=512m", "--conf", "spark.executor.cores=1",
                    "--conf", "spark.cores.max=2", "--conf", "spark.driver.host=127.0.0.1",
                    "--conf", "spark.executor.extraJavaOptions=-Dorg.bytedeco.javacpp.maxbytes=256m "
                            + "-Dorg.bytedeco.javacpp.maxphysicalbytes=768m",
                    SparkDistribution.clusterJar().toString()));
            argv.addAll(List.of(args));
            return jvms.start(List.of("-Xmx512m", logging), sparkJars, "org.apache.spark.deploy.SparkSubmit", argv,
                    env, log);
        }
    }

    /** Starts a master and two one-core workers on Spark's own jars and waits until the workers registered. */
    private Cluster start(ChildJvms jvms) throws Exception {
        List<String> sparkJars = SparkDistribution.jars(Files.createDirectories(tmp.resolve("resolve")));
        Path home = sparkHome(sparkJars);
        Map<String, String> env = Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION",
                SparkDistribution.scalaBinary(), "SPARK_LOCAL_IP", "127.0.0.1", "OMP_NUM_THREADS", "1",
                "SPARK_CONF_DIR", Files.createDirectories(tmp.resolve("conf")).toString());
        int port = ChildJvms.freePort();
        String master = "spark://127.0.0.1:" + port;
        String logging = "-Dlog4j2.configurationFile=" + jvms.infoLogging();
        List<String> jvm = List.of("-Xmx256m", logging);
        Path masterLog = tmp.resolve("master.log");
        jvms.start(jvm, sparkJars, "org.apache.spark.deploy.master.Master",
                List.of("--host", "127.0.0.1", "--port", "" + port, "--webui-port", "" + ChildJvms.freePort()),
                env, masterLog);
        assertTrue(ChildJvms.await(() -> ChildJvms.read(masterLog).contains("I have been elected leader"),
                Duration.ofSeconds(40)), () -> ChildJvms.tail(masterLog, 3000));
        List<Process> workers = new ArrayList<>();
        List<Path> workerLogs = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            Path log = tmp.resolve("worker" + w + ".log");
            workerLogs.add(log);
            workers.add(jvms.start(jvm, sparkJars,
                    "org.apache.spark.deploy.worker.Worker", List.of("--host", "127.0.0.1", "--cores", "1",
                            "--memory", "768m", "--webui-port", "" + ChildJvms.freePort(), "--work-dir",
                            tmp.resolve("work" + w).toString(), master), env, log));
        }
        for (Path log : workerLogs) {
            assertTrue(ChildJvms.await(() -> ChildJvms.read(log).contains("Successfully registered with master"),
                    Duration.ofSeconds(40)), () -> ChildJvms.tail(log, 3000));
        }
        return new Cluster(master, workers, env, sparkJars, logging);
    }

    @Test
    void sweepCompletesAfterAWorkerIsKilled() throws Exception {
        Path out = tmp.resolve("out");
        Path config = tmp.resolve("cv.yaml");
        Files.write(config, CvTestConfigs.yaml("{folds: 4, seed: 0}", "{model.width: [4, 6, 8]}", 1, 250));
        try (ChildJvms jvms = new ChildJvms(tmp)) {
            Cluster cluster = start(jvms);
            Path submitLog = tmp.resolve("submit.log");
            Process submit = cluster.submit(jvms, submitLog, "cv", "--config", config.toString(), "--out",
                    out.toString());
            Process victim = cluster.workers().get(0);
            // kill once both executors have produced results, so the victim's executor is surely busy
            boolean running = ChildJvms.await(() -> taskFiles(out) >= 2 && victim.descendants().findAny().isPresent(),
                    Duration.ofSeconds(60));
            assertTrue(running, () -> "no tasks finished: " + ChildJvms.tail(submitLog, 4000));
            int doneAtKill = taskFiles(out);
            ChildJvms.kill(victim);
            assertTrue(doneAtKill < TASKS, "the worker was killed after the sweep had finished");

            assertTrue(submit.waitFor(100, TimeUnit.SECONDS), () -> "cv did not finish: "
                    + ChildJvms.tail(submitLog, 4000));
            String log = ChildJvms.read(submitLog);
            assertEquals(0, submit.exitValue(), () -> ChildJvms.tail(submitLog, 6000));
            assertTrue(log.contains("Lost executor"), "the driver saw the executor go: " + ChildJvms.tail(submitLog, 4000));
            assertEquals(TASKS, taskFiles(out));
            JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
            assertEquals(TASKS, report.get("tasks").size());
            assertEquals(3, report.get("summary").size());
            for (JsonNode s : report.get("summary")) {
                assertEquals(4, s.get("n").asInt());
            }
            assertTrue(report.get("best").get("value").isNumber());
            assertTrue(Files.size(out.resolve("report.html")) > 10_000);
        }
    }

    /**
     * Parameter-averaged {@code train} (p = 2) loses a worker mid-phase: the lost tasks rerun on the other
     * executor, which rebuilds the lost shard from its lineage and the partition's resident state afresh, and the
     * run writes exactly what an undisturbed run writes (here on local[2] in this JVM: results never depend on
     * where or when tasks run).
     */
    @Test
    void parallelTrainLosesAWorkerMidPhaseAndWritesTheUndisturbedResult() throws Exception {
        String[] train = {"train", "--config", Path.of("conf/michaelis-menten.yaml").toAbsolutePath().toString(),
            "--no-progress", "--set", "parallel={partitions: 2, averaging_frequency: 5}",
            "--set", "dataset.path=" + Path.of("datasets/michaelis-menten.zip").toAbsolutePath(),
            "--set", "strategy[0].steps=300", "--set", "strategy[1].steps=150", "--set", "strategy[2].steps=100",
            "--set", "training.print_every=10"};
        Path reference = tmp.resolve("reference");
        System.setProperty("spark.master", "local[2]");
        try {
            List<String> args = new ArrayList<>(List.of(train));
            args.addAll(List.of("--out", reference.toString()));
            assertEquals(0, org.neuralode.cli.Main.run(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                    new java.io.PrintWriter(java.io.Writer.nullWriter()), args.toArray(String[]::new)));
        } finally {
            System.clearProperty("spark.master");
        }
        Path out = tmp.resolve("cluster");
        try (ChildJvms jvms = new ChildJvms(tmp)) {
            Cluster cluster = start(jvms);
            Path submitLog = tmp.resolve("submit-train.log");
            List<String> args = new ArrayList<>(List.of(train));
            args.addAll(List.of("--out", out.toString()));
            Process submit = cluster.submit(jvms, submitLog, args.toArray(String[]::new));
            Process victim = cluster.workers().get(0);
            Path progress = out.resolve("progress.tsv");
            boolean midPhase = ChildJvms.await(() -> ChildJvms.read(progress).lines().count() >= 4
                    && victim.descendants().findAny().isPresent(), Duration.ofSeconds(90));
            assertTrue(midPhase, () -> "no progress: " + ChildJvms.tail(submitLog, 4000));
            ChildJvms.kill(victim);
            assertTrue(ChildJvms.read(progress).lines().count() < 30, "killed before the end of phase 1");

            assertTrue(submit.waitFor(120, TimeUnit.SECONDS), () -> "train did not finish: "
                    + ChildJvms.tail(submitLog, 4000));
            assertEquals(0, submit.exitValue(), () -> ChildJvms.tail(submitLog, 6000));
            assertTrue(ChildJvms.read(submitLog).contains("Lost executor"), () -> ChildJvms.tail(submitLog, 4000));
        }
        for (String f : List.of("progress.tsv", "model/params.bin")) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(reference.resolve(f)),
                    Files.readAllBytes(out.resolve(f)), f);
        }
        JsonNode a = JSON.readTree(reference.resolve("metrics.json").toFile());
        JsonNode b = JSON.readTree(out.resolve("metrics.json").toFile());
        assertEquals(a.get("train"), b.get("train"));
        assertEquals(a.get("validation"), b.get("validation"));
    }

    private static int taskFiles(Path out) {
        Path tasks = out.resolve("tasks");
        if (!Files.isDirectory(tasks)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(tasks)) {
            return (int) s.filter(p -> p.getFileName().toString().matches("g\\d+-f\\d+-m\\d+\\.json")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** A SPARK_HOME whose jars/ links {@code jars} (the cluster's installation). */
    private Path sparkHome(List<String> jars) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("spark-home/jars"));
        int i = 0;
        for (String entry : jars) {
            Path p = Path.of(entry);
            Files.createSymbolicLink(dir.resolve(String.format("%03d-%s", i++, p.getFileName())), p);
        }
        return dir.getParent();
    }
}

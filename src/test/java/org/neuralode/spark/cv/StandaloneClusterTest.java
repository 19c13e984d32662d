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
 * PID at the end.
 */
@Tag("cluster")
class StandaloneClusterTest {

    private static final int TASKS = 12;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    @Test
    void sweepCompletesAfterAWorkerIsKilled() throws Exception {
        List<String> sparkJars = SparkDistribution.jars(Files.createDirectories(tmp.resolve("resolve")));
        Path home = sparkHome(sparkJars);
        Path appJar = SparkDistribution.clusterJar();
        Path out = tmp.resolve("out");
        Path config = tmp.resolve("cv.yaml");
        Files.write(config, CvTestConfigs.yaml("{folds: 4, seed: 0}", "{model.width: [4, 6, 8]}", 1, 250));
        Map<String, String> env = Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", SparkDistribution.scalaBinary(),
                "SPARK_LOCAL_IP", "127.0.0.1", "OMP_NUM_THREADS", "1",
                "SPARK_CONF_DIR", Files.createDirectories(tmp.resolve("conf")).toString());
        int port = ChildJvms.freePort();
        String master = "spark://127.0.0.1:" + port;
        try (ChildJvms jvms = new ChildJvms(tmp)) {
            List<String> jvm = List.of("-Xmx256m", "-Dlog4j2.configurationFile=" + jvms.infoLogging());
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
            Path submitLog = tmp.resolve("submit.log");
            Process submit = jvms.start(List.of("-Xmx512m", jvm.get(1)), sparkJars,
                    "org.apache.spark.deploy.SparkSubmit", List.of("--master", master, "--deploy-mode", "client",
                            "--class", "org.neuralode.cli.Main", "--conf", "spark.ui.enabled=false",
                            "--conf", "spark.executor.memory=512m", "--conf", "spark.executor.cores=1",
                            "--conf", "spark.cores.max=2", "--conf", "spark.driver.host=127.0.0.1",
                            "--conf", "spark.executor.extraJavaOptions=-Dorg.bytedeco.javacpp.maxbytes=256m "
                                    + "-Dorg.bytedeco.javacpp.maxphysicalbytes=768m",
                            appJar.toString(), "cv", "--config", config.toString(), "--out", out.toString()),
                    env, submitLog);
            Process victim = workers.get(0);
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

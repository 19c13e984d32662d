package org.neuralode.spark.cv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a cluster has: Spark's own jars (the {@code jars/} folder of a Spark distribution of the build's Spark
 * line) and the shaded {@code -cluster.jar} that {@code mvn package} builds. The jars are resolved by Maven
 * from {@code src/test/spark-distribution/pom.xml} (spark-core and spark-sql under Spark's own version
 * management), so no dependency of this project is among them. Surefire passes the build's
 * {@code spark.version}, {@code scala.binary}, {@code cluster.jar}, {@code maven.home} and local repository.
 */
final class SparkDistribution {

    private SparkDistribution() {
    }

    /** The Scala binary version of the build's Spark line ({@code 2.12} or {@code 2.13}). */
    static String scalaBinary() {
        return property("scala.binary");
    }

    /** The shaded cluster jar; fails the test with the command that builds it when it is missing. */
    static Path clusterJar() {
        Path jar = Path.of(property("cluster.jar"));
        assertTrue(Files.isRegularFile(jar), "no cluster jar " + jar + ": run `mvn package -DskipTests` "
                + "(with the same -P profile) before the cluster tests");
        return jar;
    }

    /** Spark's jars, resolved into {@code work} (seconds with a warm local repository). */
    static List<String> jars(Path work) throws IOException, InterruptedException {
        Path out = work.resolve("spark-classpath.txt");
        Path log = work.resolve("spark-classpath.log");
        Path pom = Path.of(property("basedir"), "src", "test", "spark-distribution", "pom.xml");
        List<String> cmd = List.of(Path.of(property("maven.home"), "bin", "mvn").toString(), "-B", "-q",
                "-f", pom.toString(), "-Dmaven.repo.local=" + property("maven.repo.local"),
                "-Dspark.version=" + property("spark.version"), "-Dscala.binary=" + scalaBinary(),
                "-Dmdep.outputFile=" + out, "dependency:build-classpath");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "resolving Spark's jars took over 5 minutes");
        assertEquals(0, p.exitValue(), () -> "resolving Spark's jars failed: " + ChildJvms.read(log));
        List<String> jars = new ArrayList<>(List.of(Files.readString(out).trim().split(File.pathSeparator)));
        assertTrue(jars.stream().anyMatch(j -> j.contains("spark-core_" + scalaBinary())), () -> "" + jars);
        assertTrue(jars.stream().noneMatch(j -> j.contains("nd4j") || j.contains("picocli")), () -> "" + jars);
        return jars;
    }

    private static String property(String name) {
        String v = System.getProperty(name);
        assertTrue(v != null && !v.isEmpty(), "system property " + name + " is not set (surefire sets it)");
        return v;
    }
}

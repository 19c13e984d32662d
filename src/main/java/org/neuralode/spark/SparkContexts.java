package org.neuralode.spark;

import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.network.util.JavaUtils;
import org.neuralode.io.Storage;
import org.neuralode.workflow.MemoryBudget;
import org.neuralode.workflow.MemoryEstimate;
import scala.Tuple2;

/**
 * Creates the job's Spark context. Master, memory and cores are never set here: they come from
 * {@code spark-submit} flags or {@code spark-defaults.conf}, or for local runs from the launcher's
 * {@code -Dspark.master=local[*]} system property (SparkConf reads {@code spark.*} system properties).
 * Executors get {@code OMP_NUM_THREADS=1} unless configured otherwise: parallelism comes from Spark tasks.
 * Broadcast blocks are {@value #BROADCAST_BLOCK} unless configured (see there).
 */
public final class SparkContexts {

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?])?");

    /**
     * {@code spark.broadcast.blockSize} unless configured: every broadcast (each training round's parameters,
     * each job's task binary) allocates one block up front, and Spark's default of 4m is a humongous object
     * for G1 (over half a region for heaps under 32 GiB). Profiled here (JFR, issue 12) with the default, the
     * rounds of parameter averaging allocated 11 GB in such blocks and set off a G1 cycle every few rounds.
     * This project's broadcasts are parameters and small specs, so small blocks cost nothing.
     */
    static final String BROADCAST_BLOCK = "256k";

    private SparkContexts() {
    }

    /** A context named {@code appName}; the caller stops it in {@code finally}. */
    public static JavaSparkContext create(String appName) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (!conf.contains("spark.master")) {
            throw new IllegalStateException("no Spark master: run through spark-submit, or set "
                    + "-Dspark.master=local[*] (submit/neuralode does)");
        }
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        conf.setIfMissing("spark.broadcast.blockSize", BROADCAST_BLOCK);
        JavaSparkContext sc = new JavaSparkContext(conf);
        Storage.configure(sc.hadoopConfiguration());
        return sc;
    }

    /**
     * The heap one Spark task may use, as far as the settings tell: with a local master the JVM's max heap
     * shared by its task threads; on a cluster {@code spark.executor.memory} (default 1g) shared by an
     * executor's task slots ({@code spark.executor.cores / spark.task.cpus}, one when unset).
     */
    public static MemoryBudget taskBudget(SparkConf conf) {
        return taskBudget(key -> conf.get(key, null));
    }

    /**
     * {@link #taskBudget(SparkConf)} from the {@code spark.*} system properties, before a context exists
     * (without a SparkConf, which would start Spark's logging).
     */
    public static MemoryBudget taskBudget() {
        return taskBudget(System::getProperty);
    }

    private static MemoryBudget taskBudget(UnaryOperator<String> settings) {
        Matcher local = LOCAL.matcher(Objects.requireNonNullElse(settings.apply("spark.master"), "local[*]"));
        if (local.matches()) {
            String threads = local.group(1);
            return MemoryBudget.heap(threads == null ? 1 : threads.equals("*")
                    ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(threads));
        }
        long memory = JavaUtils.byteStringAsBytes(Objects.requireNonNullElse(settings.apply("spark.executor.memory"),
                "1g"));
        int cores = Integer.parseInt(Objects.requireNonNullElse(settings.apply("spark.executor.cores"), "1"));
        int slots = Math.max(1, cores / Math.max(1, Integer.parseInt(Objects.requireNonNullElse(
                settings.apply("spark.task.cpus"), "1"))));
        return new MemoryBudget(memory / slots, "a task's share of spark.executor.memory ("
                + MemoryEstimate.size(memory) + " / " + slots + " task slots)", "--executor-memory for spark-submit");
    }

    /**
     * Turns every logger off for the rest of the process (Log4j 2, Spark's logging): once a run was asked to
     * stop, Spark logs its cancelled jobs and killed tasks as errors with stack traces, which are expected then.
     */
    public static void quietLogging() {
        Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.OFF);
    }

    /**
     * On an executor: makes {@link Storage} use the application's Hadoop settings ({@code spark.hadoop.*}
     * properties, as Spark's own Hadoop configuration does). Cheap and idempotent; call it at the start of
     * a task that writes through Storage.
     */
    public static void configureExecutorStorage() {
        SparkEnv env = SparkEnv.get();
        if (env == null) {
            return;
        }
        Configuration c = new Configuration();
        for (Tuple2<String, String> kv : env.conf().getAll()) {
            if (kv._1().startsWith("spark.hadoop.")) {
                c.set(kv._1().substring("spark.hadoop.".length()), kv._2());
            }
        }
        Storage.configure(c);
    }
}

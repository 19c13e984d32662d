package org.neuralode.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.neuralode.io.Storage;
import scala.Tuple2;

/**
 * Creates the job's Spark context. Master, memory and cores are never set here: they come from
 * {@code spark-submit} flags or {@code spark-defaults.conf}, or for local runs from the launcher's
 * {@code -Dspark.master=local[*]} system property (SparkConf reads {@code spark.*} system properties).
 * Executors get {@code OMP_NUM_THREADS=1} unless configured otherwise: parallelism comes from Spark tasks.
 */
public final class SparkContexts {

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
        JavaSparkContext sc = new JavaSparkContext(conf);
        Storage.configure(sc.hadoopConfiguration());
        return sc;
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

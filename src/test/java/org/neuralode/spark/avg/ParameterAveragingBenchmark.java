package org.neuralode.spark.avg;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.neuralode.config.JobConfig;
import org.neuralode.nn.NeuralOde;
import org.neuralode.train.Strategy;
import org.neuralode.train.TrainResult;
import org.neuralode.train.TrainingListener;
import org.neuralode.train.TrajectorySet;
import org.neuralode.workflow.TrainJob;

/**
 * The driver's heap during parameter-averaged training (not a test; prints a report on stdout; the timings
 * of local against Spark training are {@code neuralode bench --part parallel}, {@link ParallelBenchmark}).
 * <pre>
 *   [ZIP] [N] [P] [K]  train on every measurement of ZIP with N augmentation rounds (default the
 *                      reference croissant_dataset.zip, 1000 rounds, p = 2, k = 10) with a short
 *                      strategy, sampling the driver's heap every 50 ms and after a full GC at every
 *                      monitoring point
 * </pre>
 * Run from the repository root:
 * <pre>
 *   mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 *   OPENS=$(sed -n 's:.*&lt;jvm.opens&gt;\(.*\)&lt;/jvm.opens&gt;.*:\1:p' pom.xml)
 *   CP=$PWD/target/test-classes:$PWD/target/classes:$(cat target/test-cp.txt)
 *   java $OPENS -Xmx1g -cp $CP org.neuralode.spark.avg.ParameterAveragingBenchmark
 * </pre>
 * The master comes from {@code -Dspark.master} (default {@code local[2]}). With executors in their own
 * JVMs, so that the driver's heap is the driver's alone, add {@code -Dspark.master=local-cluster[2,1,1024]
 * -Dspark.testing=true -Dspark.test.home=target -Dspark.executor.extraClassPath=$CP
 * "-Dspark.executor.extraJavaOptions=$OPENS"} and the environment {@code SPARK_TESTING=1
 * SPARK_SCALA_VERSION=2.12}.
 */
public final class ParameterAveragingBenchmark {

    private ParameterAveragingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        SparkConf conf = new SparkConf().setAppName("avg-benchmark").setIfMissing("spark.master", "local[2]")
                .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false");
        JavaSparkContext sc = new JavaSparkContext(conf);
        try {
            System.out.println("master " + sc.master() + ", driver max heap "
                    + mib(Runtime.getRuntime().maxMemory()) + " MiB");
            heap(sc, arg(args, 0, "datasets/catalax/croissant_dataset.zip"), Integer.parseInt(arg(args, 1, "1000")),
                    Integer.parseInt(arg(args, 2, "2")), Integer.parseInt(arg(args, 3, "10")));
        } finally {
            sc.stop();
        }
    }

    private static void heap(JavaSparkContext sc, String zip, int rounds, int p, int k) throws Exception {
        org.neuralode.data.Dataset base = org.neuralode.io.DatasetFiles.load(zip);
        TrainJob.Data data = new TrainJob.Data(base, base, new JobConfig.AugmentConfig(rounds, 0.01, 42, false), null);
        NeuralOde init = NeuralOde.initialise(base.states(),
                new org.neuralode.nn.MlpSpec(base.states().size(), 16, 1, org.neuralode.nn.Activation.SELU, false),
                org.neuralode.workflow.Workflow.maxTime(base), 1e-3, 0);
        Strategy strategy = Strategy.create().addStep(1e-3, 30, 20, 0.5, 0.1).addStep(1e-3, 30, 20, 1.0, 0.01);
        System.out.printf(Locale.ROOT, "%s: %d measurements x %d = %d trajectories; p = %d, k = %d, %d steps,"
                + " monitoring every 10 steps on all trajectories%n", zip, base.size(), 1 + rounds,
                data.trainSize(), p, k, strategy.totalSteps());
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = mx.getHeapMemoryUsage().getUsed();
        HeapSampler sampler = new HeapSampler(mx, 50);
        sampler.start();
        ParameterAveragingBackend backend = new ParameterAveragingBackend(sc,
                org.neuralode.ode.SolverOptions.defaults(), 10, 420, 10, p, k);
        long t0 = System.nanoTime();
        TrainResult r = backend.train(init, data, strategy, new TrainingListener() {
            @Override
            public void monitored(org.neuralode.train.ProgressRow row) {
                sampler.mark("monitor step " + row.globalStep() + " loss " + row.trainLoss());
            }
        });
        double wall = (System.nanoTime() - t0) * 1e-9;
        sampler.stop();
        System.gc();
        long after = mx.getHeapMemoryUsage().getUsed();
        System.out.printf(Locale.ROOT, "trained in %.1f s (%d trajectory solves in steps); heap used after GC:"
                + " before %d MiB, after %d MiB%n", wall, r.trajectories(), mib(before), mib(after));
        sampler.report(System.out);
        System.out.println("Spark storage: " + storage(sc));
        // For contrast: what the local backend holds on its one JVM (augmented dataset + trajectories).
        TrajectorySet all = TrajectorySet.of(data.train(), base.states());
        System.gc();
        long local = mx.getHeapMemoryUsage().getUsed();
        System.out.printf(Locale.ROOT, "local backend: holding the augmented set (%d trajectories) takes the heap"
                + " from %d to %d MiB after GC%n", all.size(), mib(after), mib(local));
    }

    private static String storage(JavaSparkContext sc) {
        StringBuilder sb = new StringBuilder();
        for (var info : sc.sc().getRDDStorageInfo()) {
            sb.append(info.name()).append(' ').append(mib(info.memSize())).append(" MiB in memory; ");
        }
        return sb.length() == 0 ? "no cached RDDs left (shards are unpersisted after training)" : sb.toString();
    }

    static long mib(long bytes) {
        return bytes >> 20;
    }

    private static String arg(String[] args, int i, String dflt) {
        return args.length > i ? args[i] : dflt;
    }
}

package org.neuralode.spark.ensemble;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.neuralode.io.DatasetFiles;
import org.neuralode.io.RunDirectory;
import org.neuralode.spark.SparkContexts;
import org.neuralode.spark.cv.CvBundle;
import org.neuralode.spark.cv.RunTaskFunction;
import org.neuralode.spark.cv.TrainRunTask;
import org.neuralode.workflow.EnsembleTrainJob;

/**
 * An ensemble's members trained on Spark, one task each: the dataset and the members' configurations are
 * broadcast once, and member j trains into {@code members/member-j/} on an executor ({@link TrainRunTask}).
 * Cancelling ({@link #cancel}) interrupts the running members, which stop after their current step.
 */
public final class SparkMemberTraining implements EnsembleTrainJob.MemberTraining {

    /** The Spark job group of the members' job, cancelled by {@link #cancel}. */
    private static final String JOB_GROUP = "neuralode-ensemble";

    private final JavaSparkContext sc;

    /** @param sc a live context; the caller stops it */
    public SparkMemberTraining(JavaSparkContext sc) {
        this.sc = sc;
    }

    /**
     * Prepares {@code job} (checked against a Spark task's share of the heap, {@link SparkContexts#taskBudget()})
     * and runs it on a new Spark context named "neuralode train", stopped whatever happens (the CLI's entry
     * point, so that only this package imports Spark).
     *
     * @param stop   true once the run was asked to stop
     * @param onStop registers the action that cancels the members' tasks when a stop is asked for
     * @throws org.neuralode.InputException for bad data, configuration or memory, before Spark starts
     */
    public static EnsembleTrainJob.Outcome run(EnsembleTrainJob job, RunDirectory out, BooleanSupplier stop,
                                               Consumer<Runnable> onStop) {
        job.prepare(SparkContexts.taskBudget());
        JavaSparkContext sc = SparkContexts.create("neuralode train");
        try {
            SparkMemberTraining training = new SparkMemberTraining(sc);
            onStop.accept(training::cancel);
            return job.run(out, training, stop);
        } finally {
            sc.stop();
        }
    }

    @Override
    public void train(List<String> configs, String source, DatasetFiles.Fingerprinted data, String membersDir) {
        Map<String, String> keyed = new LinkedHashMap<>();
        List<String> descriptors = new ArrayList<>();
        for (int j = 0; j < configs.size(); j++) {
            String key = CvBundle.configKey(0, j);
            keyed.put(key, configs.get(j));
            descriptors.add(new TrainRunTask(key, List.of(), source + " (ensemble member " + j + ")",
                    data.fingerprint(), EnsembleTrainJob.memberName(j), "ensemble member " + j).toJson());
        }
        sc.setJobGroup(JOB_GROUP, "neuralode train: an ensemble of " + configs.size() + " members", true);
        RunTaskFunction.runAll(sc, new CvBundle("", data.dataset(), List.of(Map.of()), keyed), membersDir,
                descriptors, TrainRunTask::run);
    }

    /**
     * Asks a running {@link #train} to stop, from any thread (a signal handler's): turns logging off (Spark
     * reports cancelled jobs as errors) and cancels the members' job, interrupting its running tasks.
     */
    public void cancel() {
        SparkContexts.quietLogging();
        sc.cancelJobGroup(JOB_GROUP);
    }
}

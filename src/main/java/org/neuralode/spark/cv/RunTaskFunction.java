package org.neuralode.spark.cv;

import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.neuralode.spark.SparkContexts;

/**
 * The Spark function of a cv task: decodes the broadcast {@link CvBundle} and the task descriptor, runs the
 * task with {@link CvTaskRunner} and returns its one-line summary. Holds only the broadcast handle and the
 * output location, so the closure is small.
 */
final class RunTaskFunction implements Function<String, String> {

    private static final long serialVersionUID = 1L;

    private final Broadcast<String> bundle;
    private final String dir;

    RunTaskFunction(Broadcast<String> bundle, String dir) {
        this.bundle = bundle;
        this.dir = dir;
    }

    @Override
    public String call(String taskJson) {
        SparkContexts.configureExecutorStorage();
        return CvTaskRunner.run(CvBundle.decode(bundle.value()), CvTask.fromJson(taskJson), dir);
    }
}

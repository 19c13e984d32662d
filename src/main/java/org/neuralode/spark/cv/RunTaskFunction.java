package org.neuralode.spark.cv;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.neuralode.OutOfMemoryException;
import org.neuralode.spark.SparkContexts;
import org.neuralode.workflow.MemoryEstimate;

/**
 * The Spark function of cv work and of other whole trainings: decodes the broadcast {@link CvBundle}, runs a
 * {@link Work} on one descriptor (a {@link CvTask}'s, or a {@link TrainRunTask}'s: the {@link CvRefit refit},
 * a {@code train} ensemble's member) and returns its one-line summary. Holds only the broadcast handle, the
 * output location and the work (a method reference or a lambda that captures nothing), so the closure is
 * small.
 */
public final class RunTaskFunction implements Function<String, String> {

    private static final long serialVersionUID = 2L;

    /** What an executor does with a descriptor: writes its outputs under {@code dir}, returns a summary line. */
    public interface Work extends Serializable {
        String run(CvBundle bundle, String descriptor, String dir);
    }

    private final Broadcast<String> bundle;
    private final String dir;
    private final Work work;

    private RunTaskFunction(Broadcast<String> bundle, String dir, Work work) {
        this.bundle = bundle;
        this.dir = dir;
        this.work = work;
    }

    /**
     * Runs {@code work} on every descriptor, one Spark task (and partition) each, with {@code bundle}
     * broadcast for the job's duration.
     *
     * @return the tasks' summary lines, in descriptor order
     */
    public static List<String> runAll(JavaSparkContext sc, CvBundle bundle, String dir, List<String> descriptors,
                                      Work work) {
        Broadcast<String> broadcast = sc.broadcast(bundle.encode());
        try {
            return sc.parallelize(descriptors, descriptors.size())
                    .map(new RunTaskFunction(broadcast, dir, work)).collect();
        } finally {
            broadcast.destroy();
        }
    }

    /** Runs the work; an OutOfMemoryError becomes an {@link OutOfMemoryException}, which fails only the task. */
    @Override
    public String call(String descriptor) {
        SparkContexts.configureExecutorStorage();
        try {
            return work.run(CvBundle.decode(bundle.value()), descriptor, dir);
        } catch (OutOfMemoryError e) {
            throw new OutOfMemoryException(e.getMessage() + " in a Spark task, max heap "
                    + MemoryEstimate.size(Runtime.getRuntime().maxMemory()));
        }
    }
}

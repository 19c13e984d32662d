package org.neuralode.spark.avg;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.neuralode.InputException;
import org.neuralode.config.JobConfig;
import org.neuralode.data.Dataset;
import org.neuralode.ode.TrainableField;
import org.neuralode.workflow.TrainJob;

/**
 * How the driver splits a run's data into partitions: partition {@code j} of {@code p} gets the
 * contiguous block {@code [floor(j N / p), floor((j+1) N / p))} of the N base training measurements (block
 * sizes differ by at most one) together with all of their augmented copies, and likewise a block of the
 * validation side. With {@code p = 1} the single shard is exactly the locally augmented training set, in
 * the same order. Stateless.
 */
final class ShardPlan {

    private ShardPlan() {
    }

    /**
     * One spec per partition, from the training side before augmentation ({@link TrainJob.Data#trainBase()}),
     * laid out for {@code model}'s states and initial values.
     *
     * @throws InputException if there are fewer base training measurements than partitions
     */
    static List<ShardSpec> specs(TrainJob.Data data, TrainableField model, int partitions) {
        Dataset base = data.trainBase();
        int n = base.size();
        if (partitions < 1 || partitions > n) {
            throw new InputException("parallel.partitions", "is " + partitions + " but the training side has "
                    + n + " measurements before augmentation; every partition needs at least one (1.." + n + ")");
        }
        JobConfig.AugmentConfig aug = data.augment();
        Dataset val = data.validation();
        long total = (long) n * (1 + aug.n());
        List<ShardSpec> specs = new ArrayList<>(partitions);
        for (int j = 0; j < partitions; j++) {
            List<PortableMeasurement> mine = block(base, j, partitions);
            List<PortableMeasurement> myVal = val == null ? List.of() : block(val, j, partitions);
            double weight = (double) ((long) mine.size() * (1 + aug.n())) / total;
            specs.add(new ShardSpec(j, weight, model.states(), model.initialValues(), mine, myVal, aug.n(),
                    aug.sigma(), aug.seed(), aug.multiplicative()));
        }
        return specs;
    }

    /**
     * One shard per partition, in partition order, built on the executors from the broadcast specs. A task
     * carries only its partition's index: with the specs themselves as {@code parallelize}'s elements, every
     * task of every round would carry (and deserialise) its partition's measurements again. The shards'
     * lineage refers to the broadcast, so a lost shard is rebuilt from it; destroy it after the RDD's last use.
     */
    static JavaRDD<Shard> shards(JavaSparkContext sc, Broadcast<List<ShardSpec>> specs) {
        int p = specs.value().size();
        return sc.parallelize(IntStream.range(0, p).boxed().toList(), p).map(j -> specs.value().get(j).build());
    }

    private static List<PortableMeasurement> block(Dataset d, int j, int partitions) {
        int n = d.size();
        int from = (int) ((long) j * n / partitions);
        int to = (int) ((long) (j + 1) * n / partitions);
        List<PortableMeasurement> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(PortableMeasurement.of(i, d.measurements().get(i)));
        }
        return out;
    }
}

package org.neuralode.spark.avg;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import scala.collection.Iterator;
import scala.collection.immutable.Range$;
import scala.reflect.ClassTag;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * One Spark job over the cached shards (one shard per partition) that hands back every partition's result in
 * partition order, so that whatever the driver combines never depends on scheduling.
 *
 * <p>Why not {@code treeAggregate}, {@code mapPartitions} or {@code collect}: each of those wraps the work in
 * Spark's own Scala closures, and Spark's closure cleaner parses the enclosing class file ({@code RDD},
 * {@code SparkContext}, {@code JavaRDDLike}) with ASM every time a job starts. Profiled here (JFR, issue 12)
 * that was the largest cost of an averaging round on the driver, more than the job itself. This class calls
 * {@code SparkContext.runJob} with a function of its own (a plain class, which the cleaner leaves alone) and
 * a result handler, which is all a round needs. Stateless.
 */
final class ShardJobs {

    /** What a task computes from its partition's shard; serialisable, as it travels with the task. */
    @FunctionalInterface
    interface Work<R> extends Serializable {
        R apply(Shard shard);
    }

    private ShardJobs() {
    }

    /**
     * Runs {@code work} on every partition's shard as one job.
     *
     * @param work what a task computes from its shard (captured in the task: keep it small; large inputs go in
     *             a broadcast)
     * @return the partitions' results, element {@code j} from partition {@code j}
     */
    static <R extends Serializable> List<R> run(JavaRDD<Shard> shards, Work<R> work) {
        RDD<Shard> rdd = shards.rdd();
        int n = rdd.getNumPartitions();
        AtomicReferenceArray<R> results = new AtomicReferenceArray<>(n);
        ClassTag<R> tag = scala.reflect.ClassTag$.MODULE$.apply(Serializable.class);
        rdd.context().runJob(rdd, new PerShard<>(work), Range$.MODULE$.apply(0, n), (Object j, R r) -> {
            results.set((Integer) j, r);
            return BoxedUnit.UNIT;
        }, tag);
        List<R> out = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            out.add(results.get(j));
        }
        return out;
    }

    /** A task: applies the work to the partition's one shard. */
    private static final class PerShard<R> extends AbstractFunction2<TaskContext, Iterator<Shard>, R>
            implements Serializable {

        private static final long serialVersionUID = 1L;
        private final Work<R> work;

        PerShard(Work<R> work) {
            this.work = work;
        }

        @Override
        public R apply(TaskContext context, Iterator<Shard> shard) {
            return work.apply(shard.next());
        }
    }
}

package org.neuralode.spark.avg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuralode.InputException;
import org.neuralode.data.Augmenter;
import org.neuralode.train.TrajectorySet;
import org.neuralode.workflow.TrainJob;

/** Shards: contiguous blocks of base measurements, augmented on the executor exactly as locally. */
class ShardPlanTest {

    private static final TrainJob.Data DATA = TinyProblem.data(TinyProblem.measurements(7, "m"), 2,
            TinyProblem.measurements(2, "v"));

    private static TrajectorySet augmentedLocally() {
        return TrajectorySet.of(Augmenter.augment(DATA.trainBase(), 2, 0.01, 42, false), TinyProblem.STATES);
    }

    @Test
    void blocksAndWeights() {
        List<ShardSpec> specs = ShardPlan.specs(DATA, TinyProblem.model(1.0), 3);
        assertEquals(List.of(List.of("m0", "m1"), List.of("m2", "m3"), List.of("m4", "m5", "m6")),
                specs.stream().map(s -> s.base().stream().map(PortableMeasurement::id).toList()).toList());
        assertEquals(List.of(List.of(), List.of("v0"), List.of("v1")),
                specs.stream().map(s -> s.validation().stream().map(PortableMeasurement::id).toList()).toList());
        assertEquals(List.of(6.0 / 21, 6.0 / 21, 9.0 / 21), specs.stream().map(ShardSpec::weight).toList());
        assertEquals(1.0, ShardPlan.specs(DATA, TinyProblem.model(1.0), 1).get(0).weight());
    }

    @Test
    void oneShardIsTheLocallyAugmentedSetInOrder() {
        Shard shard = ShardPlan.specs(DATA, TinyProblem.model(1.0), 1).get(0).build();
        assertSame(augmentedLocally(), shard.train());
        assertEquals(2, shard.validation().size());
    }

    @Test
    void shardsTogetherHoldEveryAugmentedCopy() {
        TrajectorySet all = augmentedLocally();
        Map<String, Integer> where = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            where.put(all.id(i), i);
        }
        List<String> seen = new ArrayList<>();
        for (ShardSpec spec : ShardPlan.specs(DATA, TinyProblem.model(1.0), 3)) {
            TrajectorySet t = spec.build().train();
            assertEquals(spec.trainSize(), t.size());
            for (int i = 0; i < t.size(); i++) {
                int j = where.get(t.id(i));
                assertArrayEquals(all.observed(j), t.observed(i), t.id(i));
                assertArrayEquals(all.y0(j), t.y0(i), t.id(i));
                seen.add(t.id(i));
            }
        }
        assertEquals(all.size(), seen.size());
        assertEquals(where.keySet(), new java.util.HashSet<>(seen));
    }

    @Test
    void everyPartitionNeedsABaseMeasurement() {
        InputException e = assertThrows(InputException.class, () -> ShardPlan.specs(DATA, TinyProblem.model(1.0), 8));
        assertEquals("parallel.partitions: is 8 but the training side has 7 measurements before augmentation; "
                + "every partition needs at least one (1..7)", e.getMessage());
    }


    private static void assertSame(TrajectorySet expected, TrajectorySet actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.id(i), actual.id(i));
            assertArrayEquals(expected.times(i), actual.times(i));
            assertArrayEquals(expected.y0(i), actual.y0(i));
            assertArrayEquals(expected.observed(i), actual.observed(i));
        }
    }
}

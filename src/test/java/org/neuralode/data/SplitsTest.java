package org.neuralode.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neuralode.InputException;

class SplitsTest {

    private static Dataset numbered(int n) {
        List<Measurement> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ms.add(new Measurement("m" + i, null, null, Map.of("s", 1.0), new double[] {0, 1},
                    Map.of("s", new double[] {1, 2})));
        }
        return Dataset.of("d", "d", null, ms);
    }

    /** Both sides partition the dataset and keep its order. */
    private static void assertPartition(Dataset d, Splits.Split s) {
        List<String> ids = d.ids();
        Set<String> all = new HashSet<>(s.train().ids());
        all.addAll(s.test().ids());
        assertEquals(d.size(), all.size());
        assertEquals(d.size(), s.train().size() + s.test().size());
        for (Dataset side : List.of(s.train(), s.test())) {
            assertEquals(d.states(), side.states());
            List<Integer> positions = side.ids().stream().map(ids::indexOf).toList();
            assertEquals(positions.stream().sorted().toList(), positions, "dataset order kept");
        }
    }

    @Test
    void trainTestSplitIsSeededAndUsesCatalaxSizes() {
        Dataset d = numbered(120);
        Splits.Split s = Splits.trainTestSplit(d, 0.2, 3L);
        assertEquals(96, s.train().size()); // floor(120 * 0.8)
        assertPartition(d, s);
        assertEquals(s.test().ids(), Splits.trainTestSplit(d, 0.2, 3L).test().ids());
        assertNotEquals(s.test().ids(), Splits.trainTestSplit(d, 0.2, 4L).test().ids());
        assertNotEquals(d.ids().subList(96, 120), s.test().ids(), "shuffled, not the last 24");
        assertEquals(7, Splits.trainTestSplit(numbered(10), 0.25, 1L).train().size()); // floor(7.5)
    }

    @Test
    void trainTestSplitNeedsOneOnEachSide() {
        assertThrows(InputException.class, () -> Splits.trainTestSplit(numbered(2), 0.6, 1L)); // floor(0.8) = 0
        InputException e = assertThrows(InputException.class, () -> Splits.trainTestSplit(numbered(5), 1e-17, 1L));
        assertTrue(e.getMessage().contains("5 for training and 0 for testing"), e.getMessage());
        for (double bad : new double[] {0.0, 1.0, -0.1, Double.NaN}) {
            assertThrows(InputException.class, () -> Splits.trainTestSplit(numbered(5), bad, 1L));
        }
    }

    @Test
    void leaveOneOutHoldsOutEachMeasurementInTurn() {
        Dataset d = numbered(5);
        List<Splits.Split> splits = Splits.leaveOneOut(d);
        assertEquals(5, splits.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(List.of("m" + i), splits.get(i).test().ids());
            assertEquals(4, splits.get(i).train().size());
            assertPartition(d, splits.get(i));
        }
        assertThrows(InputException.class, () -> Splits.leaveOneOut(numbered(1)));
    }

    @Test
    void kFoldCoversEveryMeasurementOnce() {
        Dataset d = numbered(120);
        List<Splits.Split> folds = Splits.kFold(d, 7, 11L);
        Set<String> tested = new HashSet<>();
        for (int f = 0; f < 7; f++) {
            Splits.Split s = folds.get(f);
            assertPartition(d, s);
            assertEquals(f < 120 % 7 ? 18 : 17, s.test().size());
            for (String id : s.test().ids()) {
                assertTrue(tested.add(id), "tested twice: " + id);
            }
        }
        assertEquals(120, tested.size());
        assertEquals(folds.get(0).test().ids(), Splits.kFold(d, 7, 11L).get(0).test().ids());
        assertThrows(InputException.class, () -> Splits.kFold(d, 1, 1L));
        assertThrows(InputException.class, () -> Splits.kFold(numbered(3), 4, 1L));
    }

    @Test
    void byIdsHoldsOutTheNamedMeasurements() {
        Dataset d = numbered(5);
        Splits.Split s = Splits.byIds(d, List.of("m3", "m1"));
        assertEquals(List.of("m1", "m3"), s.test().ids());
        assertEquals(List.of("m0", "m2", "m4"), s.train().ids());
        InputException e = assertThrows(InputException.class, () -> Splits.byIds(d, List.of("m9")));
        assertTrue(e.getMessage().contains("'m9'"), e.getMessage());
        assertThrows(InputException.class, () -> Splits.byIds(d, List.of()));
        assertThrows(InputException.class, () -> Splits.byIds(d, d.ids()));
        assertEquals(List.of("m1", "m3"), d.select(List.of("m3", "m1")).ids());
        assertTrue(d.byId("m2").isPresent());
        assertTrue(d.byId("zz").isEmpty());
    }
}

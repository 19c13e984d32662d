package org.neuralode.spark.cv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neuralode.InputException;
import org.neuralode.config.JobConfig.ValidationConfig;
import org.neuralode.data.Dataset;
import org.neuralode.io.DatasetFiles;

class CvFoldsTest {

    private static final Dataset DATA = DatasetFiles.load(CvTestConfigs.DATASET);

    @Test
    void leaveOneOutHoldsOutEachMeasurementInDatasetOrder() {
        List<List<String>> folds = CvFolds.heldOut(DATA, new ValidationConfig(null, null, null, true, null, null), "c");
        assertEquals(12, folds.size());
        for (int i = 0; i < 12; i++) {
            assertEquals(List.of(DATA.ids().get(i)), folds.get(i));
        }
    }

    @Test
    void kFoldPartitionsTheDatasetAndDependsOnTheSeed() {
        List<List<String>> a = CvFolds.heldOut(DATA, new ValidationConfig(null, 5L, null, null, 5, null), "c");
        List<List<String>> b = CvFolds.heldOut(DATA, new ValidationConfig(null, 6L, null, null, 5, null), "c");
        assertEquals(5, a.size());
        List<String> all = new ArrayList<>();
        a.forEach(all::addAll);
        assertEquals(new HashSet<>(DATA.ids()), new HashSet<>(all));
        assertEquals(12, all.size());
        assertTrue(!a.equals(b), "another seed shuffles differently");
    }

    @Test
    void explicitIdsAreKeptInDatasetOrder() {
        List<String> ids = DATA.ids();
        List<List<String>> folds = CvFolds.heldOut(DATA, new ValidationConfig(null, null, null, null, null,
                List.of(List.of(ids.get(3), ids.get(1)), List.of(ids.get(0)))), "c");
        assertEquals(List.of(List.of(ids.get(1), ids.get(3)), List.of(ids.get(0))), folds);
    }

    @Test
    void missingOrPathValidationIsRefused() {
        InputException none = assertThrows(InputException.class, () -> CvFolds.heldOut(DATA, null, "c.yaml"));
        assertTrue(none.getMessage().startsWith("c.yaml: dataset.validation"), none.getMessage());
        assertThrows(InputException.class, () -> CvFolds.heldOut(DATA,
                new ValidationConfig(null, null, "other.zip", null, null, null), "c.yaml"));
        InputException unknown = assertThrows(InputException.class, () -> CvFolds.heldOut(DATA,
                new ValidationConfig(null, null, null, null, null, List.of(List.of("nope"))), "c.yaml"));
        assertTrue(unknown.getMessage().contains("nope"), unknown.getMessage());
    }

    @Test
    void foldsOfAPlanCoverTasksInOrder() {
        CvPlan plan = CvTestConfigs.leaveOneOutTwoPoints();
        List<CvTask> tasks = plan.tasks();
        assertEquals(24, tasks.size());
        assertEquals("g000-f000-m000", tasks.get(0).id());
        assertEquals("g001-f011-m000", tasks.get(23).id());
        Set<String> configs = new HashSet<>(plan.configs().values());
        assertEquals(2, configs.size(), "one resolved config per (grid point, member)");
    }
}

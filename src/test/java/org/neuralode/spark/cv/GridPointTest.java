package org.neuralode.spark.cv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuralode.InputException;
import org.neuralode.config.ConfigLoader;

class GridPointTest {

    @Test
    void productInKeyOrderWithTheFirstKeySlowest() {
        Map<String, List<Object>> sweep = new LinkedHashMap<>();
        sweep.put("model.width", List.of(8, 16));
        sweep.put("strategy[0].lr", List.of(1.0e-3, 3.0e-3, 1.0e-2));
        List<GridPoint> grid = GridPoint.expand(sweep, "c.yaml");
        assertEquals(6, grid.size());
        assertEquals(Map.of("model.width", 8, "strategy[0].lr", 1.0e-3), grid.get(0).values());
        assertEquals(Map.of("model.width", 8, "strategy[0].lr", 1.0e-2), grid.get(2).values());
        assertEquals(Map.of("model.width", 16, "strategy[0].lr", 1.0e-3), grid.get(3).values());
        assertEquals(List.of("model.width", "strategy[0].lr"), List.copyOf(grid.get(5).values().keySet()));
        assertEquals(5, grid.get(5).index());
    }

    @Test
    void noSweepIsOnePointWithoutOverrides() {
        List<GridPoint> grid = GridPoint.expand(Map.of(), "c.yaml");
        assertEquals(1, grid.size());
        assertTrue(grid.get(0).overrides().isEmpty());
    }

    @Test
    void overridesReloadTheConfigWithTheValues() {
        Map<String, List<Object>> sweep = new LinkedHashMap<>();
        sweep.put("model.activation", List.of("tanh"));
        sweep.put("strategy[0].lr", List.of(0.003));
        Map<String, Object> augment = new LinkedHashMap<>();
        augment.put("n", 2);
        augment.put("sigma", 0.1);
        sweep.put("dataset.augment", List.of(augment));
        GridPoint p = GridPoint.expand(sweep, "c.yaml").get(0);
        assertEquals(List.of("model.activation=\"tanh\"", "strategy[0].lr=0.003",
                "dataset.augment={\"n\":2,\"sigma\":0.1}"), p.overrides());
        byte[] yaml = CvTestConfigs.yaml("{leave_one_out: true}", "{}", 1, 5);
        var cfg = ConfigLoader.load(yaml, "c.yaml", p.overrides()).config();
        assertEquals("tanh", cfg.model().activation());
        assertEquals(0.003, cfg.strategy().get(0).lr());
        assertEquals(2, cfg.dataset().augment().n());
        assertEquals(42, cfg.dataset().augment().seed(), "a map value merges over the configured map");
    }

    @Test
    void theDataAndFoldsCannotBeSwept() {
        InputException e = assertThrows(InputException.class,
                () -> GridPoint.expand(Map.of("dataset.validation.folds", List.of(2, 3)), "c.yaml"));
        assertTrue(e.getMessage().contains("sweep.dataset.validation.folds"), e.getMessage());
    }
}

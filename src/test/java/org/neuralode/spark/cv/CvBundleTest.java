package org.neuralode.spark.cv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuralode.data.Dataset;
import org.neuralode.data.Measurement;

class CvBundleTest {

    @Test
    void datasetConfigsAndGridRoundTripExactly() {
        Map<String, double[]> data = new LinkedHashMap<>();
        data.put("A", new double[] {0.1, Double.NaN, 1.0 / 3.0});
        data.put("B", new double[] {Math.PI, 1e-300, -0.0});
        Map<String, Double> ic = new LinkedHashMap<>();
        ic.put("A", 0.1);
        ic.put("B", 2.0 / 7.0);
        Measurement m = new Measurement("m1", null, "desc", ic, new double[] {0, 0.5, 1.0 / 7.0 + 1}, data);
        Dataset d = new Dataset("d", "name", null, List.of("A", "B"), List.of(m));
        Map<String, Object> grid = new LinkedHashMap<>();
        grid.put("model.width", 8L);
        grid.put("strategy[0].lr", 0.001);
        CvBundle b = new CvBundle("hash", d, List.of(grid), Map.of("g0-m0", "model: {width: 8}\n"));
        CvBundle back = CvBundle.decode(b.encode());
        assertEquals("hash", back.configHash());
        assertEquals(List.of(grid), back.grid());
        assertEquals("model: {width: 8}\n", back.config(new CvTask(0, 3, 0, List.of("m1"))));
        Measurement mb = back.dataset().measurements().get(0);
        assertEquals(m.id(), mb.id());
        assertEquals(null, mb.name());
        assertEquals(ic, mb.initialConditions());
        assertArrayEquals(m.time(), mb.time());
        assertArrayEquals(data.get("A"), mb.data().get("A"));
        assertArrayEquals(data.get("B"), mb.data().get("B"));
        assertEquals(List.of("A", "B"), back.dataset().states());
    }

    @Test
    void taskDescriptorRoundTrips() {
        CvTask t = new CvTask(12, 3, 1, List.of("a", "b"));
        assertEquals(t, CvTask.fromJson(t.toJson()));
        assertEquals("g012-f003-m001", t.id());
        assertEquals("g1234-f000-m000", CvTask.id(1234, 0, 0));
    }
}

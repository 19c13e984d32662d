package org.neuralode.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuralode.InputException;

class CvReportTest {

    /** A metric map like MetricSet.toMap() with the given mae and r_squared, other values fixed. */
    static Map<String, Object> metrics(Double mae, Double r2) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : CvSummary.KEYS) {
            m.put(k, 1.0);
        }
        m.put("n_points", 20L);
        m.put("n_parameters", 5);
        m.put("mae", mae);
        m.put("r_squared", r2);
        return m;
    }

    static CvTaskResult task(int grid, int fold, int member, String status, double mae, double r2) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("model.width", 4 * (grid + 1));
        g.put("label", "a,b");
        boolean done = CvTaskResult.COMPLETED.equals(status);
        return new CvTaskResult(String.format("g%03d-f%03d-m%03d", grid, fold, member), grid, g, fold, member,
                status, done ? null : "it \"broke\"", List.of("m" + fold), done ? metrics(mae * 0.5, r2) : null,
                done ? metrics(mae, r2) : null, List.of());
    }

    @Test
    void rankingOrdersGridPointsByEachMetricWithUnrankableOnesLast() {
        List<CvTaskResult> tasks = List.of(
                task(0, 0, 0, CvTaskResult.COMPLETED, 3.0, 0.7),
                task(1, 0, 0, CvTaskResult.COMPLETED, 1.0, 0.6),
                task(2, 0, 0, CvTaskResult.FAILED, 0.0, 0.0),
                task(3, 0, 0, CvTaskResult.COMPLETED, 2.0, 0.9));
        Map<String, List<Integer>> mae = CvReport.of(tasks, CvBestMetric.DEFAULT).ranking();
        assertEquals(List.of("validation.mae", "validation.aic", "validation.bic"), List.copyOf(mae.keySet()));
        assertEquals(List.of(1, 3, 0, 2), mae.get("validation.mae"));
        // the helper's AIC/BIC are equal for every task (n_parameters 5, fixed chi-square): ties keep grid order
        assertEquals(List.of(0, 1, 3, 2), mae.get("validation.bic"));
        Map<String, List<Integer>> r2 = CvReport.of(tasks, CvBestMetric.parse("r_squared")).ranking();
        assertEquals(List.of(3, 0, 1, 2), r2.get("validation.r_squared"), "highest r_squared first");
    }

    @Test
    void summaryHasMeanSampleStdMinMaxOverCompletedTasksOnly() {
        List<CvTaskResult> tasks = new ArrayList<>(List.of(
                task(0, 0, 0, CvTaskResult.COMPLETED, 1.0, 0.9),
                task(0, 1, 0, CvTaskResult.COMPLETED, 2.0, 0.8),
                task(0, 2, 0, CvTaskResult.COMPLETED, 4.0, 0.7),
                task(0, 3, 0, CvTaskResult.DIVERGED, 100.0, 0.0),
                task(1, 0, 0, CvTaskResult.COMPLETED, 3.0, 0.95),
                task(1, 1, 0, CvTaskResult.FAILED, 0.0, 0.0)));
        Collections.reverse(tasks);
        CvReport r = CvReport.of(tasks, CvBestMetric.DEFAULT);
        assertEquals("g000-f000-m000", r.tasks().get(0).id(), "sorted by grid, fold, member");
        CvSummary s0 = r.summaries().get(0);
        assertEquals(3, s0.n());
        assertEquals(1, s0.notCompleted());
        assertEquals(7.0 / 3.0, s0.validation().mean().get("mae"), 1e-15);
        // sample std of {1, 2, 4}: sqrt(((4/3)^2 + (1/3)^2 + (5/3)^2) / 2) = sqrt(7/3)
        assertEquals(Math.sqrt(7.0 / 3.0), s0.validation().std().get("mae"), 1e-15);
        assertEquals(1.0, s0.validation().min().get("mae"));
        assertEquals(4.0, s0.validation().max().get("mae"));
        assertEquals(7.0 / 6.0, s0.train().mean().get("mae"), 1e-15);
        CvSummary s1 = r.summaries().get(1);
        assertEquals(1, s1.n());
        assertNull(s1.validation().std().get("mae"), "no sample std of one value");
        assertEquals(0, r.best().gridIndex(), "lowest mean validation mae");
        assertEquals(1, CvReport.of(tasks, CvBestMetric.parse("r_squared")).best().gridIndex(),
                "highest mean r_squared");
    }

    @Test
    void nullMetricsAreLeftOutAndAGridPointWithoutValuesCannotWin() {
        CvTaskResult a = new CvTaskResult("g000-f000-m000", 0, Map.of(), 0, 0, CvTaskResult.COMPLETED, null,
                List.of("x"), metrics(1.0, null), metrics(null, null), List.of());
        CvReport r = CvReport.of(List.of(a), CvBestMetric.DEFAULT);
        assertNull(r.summaries().get(0).validation().mean().get("mae"));
        assertNull(r.best());
        assertNull(r.toJson(Map.of()).get("best"));
    }

    @Test
    void jsonHasTheRequiredShape() {
        CvReport r = CvReport.of(List.of(task(0, 0, 0, CvTaskResult.COMPLETED, 1.0, 0.9),
                task(0, 1, 0, CvTaskResult.COMPLETED, 3.0, 0.9)), CvBestMetric.DEFAULT);
        Map<String, Object> json = r.toJson(Map.of("config_hash", "h"));
        @SuppressWarnings("unchecked")
        Map<String, Object> t0 = ((List<Map<String, Object>>) json.get("tasks")).get(0);
        assertEquals(List.of("task", "grid_index", "grid", "fold", "member", "status", "held_out", "validation",
                "train"), List.copyOf(t0.keySet()));
        assertEquals(CvSummary.KEYS, List.copyOf(((Map<?, ?>) t0.get("validation")).keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> s = ((List<Map<String, Object>>) json.get("summary")).get(0);
        assertEquals(2, s.get("n"));
        assertEquals(2.0, ((Map<?, ?>) s.get("mean")).get("mae"));
        @SuppressWarnings("unchecked")
        Map<String, Object> best = (Map<String, Object>) json.get("best");
        assertEquals("mae", best.get("metric"));
        assertEquals(2.0, best.get("value"));
    }

    @Test
    void csvHasOneRowPerTaskWithQuotedCells() {
        CvReport r = CvReport.of(List.of(task(0, 0, 0, CvTaskResult.COMPLETED, 1.0, 0.9),
                task(0, 1, 0, CvTaskResult.FAILED, 3.0, 0.9)), CvBestMetric.DEFAULT);
        String[] lines = r.csv().split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("task,grid_index,model.width,label,fold,member,status,held_out,train_n_points"),
                lines[0]);
        assertTrue(lines[1].startsWith("g000-f000-m000,0,4,\"a,b\",0,0,completed,m0,20,5,1.0,0.5,"), lines[1]);
        assertTrue(lines[2].endsWith("failed,m1" + ",".repeat(20)), lines[2]);
        assertEquals(2 + 2 + 4 + 20, lines[0].split(",").length);
    }

    @Test
    void bestMetricParsing() {
        assertEquals(new CvBestMetric("validation", "mae"), CvBestMetric.parse("mae"));
        assertEquals(new CvBestMetric("train", "bic"), CvBestMetric.parse("train.bic"));
        assertTrue(CvBestMetric.parse("validation.loss").lowerIsBetter());
        assertThrows(InputException.class, () -> CvBestMetric.parse("accuracy"));
        assertThrows(InputException.class, () -> CvBestMetric.parse("test.mae"));
        assertThrows(InputException.class, () -> CvBestMetric.parse("n_points"));
    }
}

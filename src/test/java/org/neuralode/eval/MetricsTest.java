package org.neuralode.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

    /** Hand-computed values are a few operations deep: a tolerance of a few ulps of O(1) numbers. */
    private static final double TIGHT = 1e-14;

    private static final double NAN = Double.NaN;

    // y = [1, 2, 3, NaN, 4], yhat = [1.5, 2, 2, 99, 5]: n = 4, r = [-0.5, 0, 1, -1],
    // sum r^2 = 2.25, sum|r| = 2.5, sum|y| = 10, mean y = 2.5, SS_tot = 2.25 + 0.25 + 0.25 + 2.25 = 5.
    private static final double[] Y = {1, 2, 3, NAN, 4};
    private static final double[] YHAT = {1.5, 2, 2, 99, 5};

    @Test
    void handComputedSmallCase() {
        MetricSet m = Metrics.compute(Y, YHAT, 1);
        assertEquals(4, m.nPoints());
        assertEquals(1, m.nParameters());
        assertEquals(0.5 * 2.25 / 4, m.loss(), TIGHT);          // 0.28125
        assertEquals(2.5 / 4, m.mae(), TIGHT);                 // 0.625
        assertEquals(2.25, m.chiSquare(), TIGHT);
        assertEquals(2.25 / 3, m.reducedChiSquare(), TIGHT);   // n - k = 3
        assertEquals(0.25, m.weightedMape(), TIGHT);           // 2.5 / 10
        assertEquals(-0.3014565796142472, m.aic(), TIGHT);     // 4 ln(0.5625) + 2
        assertEquals(-0.9151622184943566, m.bic(), TIGHT);     // 4 ln(0.5625) + ln(4)
        assertEquals(0.55, m.rSquared(), TIGHT);               // 1 - 2.25 / 5
    }

    @Test
    void missingPointsAreExcludedNotZeroFilled() {
        MetricSet masked = Metrics.compute(Y, YHAT, 1);
        MetricSet dense = Metrics.compute(new double[] {1, 2, 3, 4}, new double[] {1.5, 2, 2, 5}, 1);
        assertEquals(dense, masked);
    }

    @Test
    void matrixLayoutEqualsFlattened() {
        double[][] y = {{1, 2}, {3, NAN}, {4, 6}};
        double[][] yhat = {{1.5, 2}, {2, NAN}, {5, 5.5}};
        MetricSet flat = Metrics.compute(new double[] {1, 2, 3, NAN, 4, 6},
                new double[] {1.5, 2, 2, NAN, 5, 5.5}, 2);
        MetricSet matrix = Metrics.compute(y, yhat, 2);
        assertEquals(5, matrix.nPoints());
        assertEquals(flat.chiSquare(), matrix.chiSquare(), TIGHT);
        assertEquals(flat.rSquared(), matrix.rSquared(), TIGHT);
        assertEquals(flat.weightedMape(), matrix.weightedMape(), TIGHT);
    }

    @Test
    void perfectFitHasUnitRSquaredAndFlooredChiSquare() {
        double[] y = {0.5, 1.0, 2.0, 4.0};
        MetricSet m = Metrics.compute(y, y.clone(), 2);
        assertEquals(1.0, m.rSquared());
        assertEquals(0.0, m.loss());
        assertEquals(0.0, m.mae());
        assertEquals(0.0, m.weightedMape());
        assertEquals(4e-250, m.chiSquare());
        assertEquals(4e-250 / 2, m.reducedChiSquare());
        // ln(X2/n) = ln(1e-250) stays finite thanks to the floor
        assertEquals(4 * Math.log(1e-250) + 4, m.aic(), 1e-12);
        assertEquals(4 * Math.log(1e-250) + 2 * Math.log(4), m.bic(), 1e-12);
    }

    @Test
    void constantMeanPredictorHasZeroRSquared() {
        double[] y = {0.3, 1.7, 2.2, 5.9, 3.1, NAN};
        double mean = (0.3 + 1.7 + 2.2 + 5.9 + 3.1) / 5;
        double[] yhat = {mean, mean, mean, mean, mean, mean};
        // SS_res and SS_tot are the same sum computed two ways: equal up to a few ulps
        assertEquals(0.0, Metrics.compute(y, yhat, 0).rSquared(), 1e-14);
    }

    @Test
    void reducedChiSquareUsesAtLeastOneDegreeOfFreedom() {
        MetricSet m = Metrics.compute(Y, YHAT, 36);
        assertEquals(2.25, m.reducedChiSquare(), TIGHT);
        assertEquals(4 * Math.log(2.25 / 4) + 72, m.aic(), 1e-12);
        assertEquals(4 * Math.log(2.25 / 4) + Math.log(4) * 36, m.bic(), 1e-12);
    }

    @Test
    void nonFinitePredictionAtObservedPointThrowsNamingTheIndex() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Metrics.compute(new double[] {1, 2, 3}, new double[] {1, 2, NAN}, 0));
        assertTrue(e.getMessage().contains("predicted[2]"), e.getMessage());
        IllegalStateException e2 = assertThrows(IllegalStateException.class, () -> Metrics.compute(
                new double[][] {{1, 2}, {3, 4}}, new double[][] {{1, 2}, {Double.POSITIVE_INFINITY, 4}}, 0));
        assertTrue(e2.getMessage().contains("predicted[1][0]"), e2.getMessage());
    }

    @Test
    void invalidInputsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.compute(new double[] {1, 2}, new double[] {1}, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.compute(new double[] {1, Double.NEGATIVE_INFINITY}, new double[] {1, 1}, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.compute(new double[] {1, 2}, new double[] {1, 2}, -1));
    }

    @Test
    void undefinedMetricsAreNanAndNullInTheMap() {
        MetricSet none = Metrics.compute(new double[] {NAN, NAN}, new double[] {NAN, 1}, 3);
        assertEquals(0, none.nPoints());
        assertTrue(Double.isNaN(none.loss()) && Double.isNaN(none.aic()) && Double.isNaN(none.rSquared()));
        Map<String, Object> map = none.toMap();
        assertEquals(0L, map.get("n_points"));
        assertEquals(3, map.get("n_parameters"));
        assertNull(map.get("loss"));
        assertTrue(map.containsKey("r_squared"));

        // constant, all-zero observations: R^2 and weighted MAPE undefined, the rest finite
        MetricSet zeros = Metrics.compute(new double[] {0, 0}, new double[] {0.1, -0.1}, 0);
        assertTrue(Double.isNaN(zeros.rSquared()));
        assertTrue(Double.isNaN(zeros.weightedMape()));
        assertEquals(0.02, zeros.chiSquare(), TIGHT);  // 0.1^2 + 0.1^2
    }

    @Test
    void mapHasSnakeCaseKeysInOrder() {
        Map<String, Object> map = Metrics.compute(Y, YHAT, 1).toMap();
        assertEquals(List.of("n_points", "n_parameters", "loss", "mae", "chi_square", "reduced_chi_square",
                "weighted_mape", "aic", "bic", "r_squared"), List.copyOf(map.keySet()));
        assertEquals(4L, map.get("n_points"));
        assertEquals(0.55, (Double) map.get("r_squared"), TIGHT);
    }
}

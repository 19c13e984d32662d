package org.neuralode.spark.avg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Exact summation: correctly rounded totals whatever the order of additions and merges. */
class ExactSumTest {

    @Test
    void oneTermIsReturnedUnchanged() {
        for (double x : new double[] {-0.0, 0.0, 1e-310, -3.7, 0.1, Double.MAX_VALUE / 4}) {
            ExactSum s = new ExactSum(1);
            s.add(0, x);
            assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(s.value(0)), "x = " + x);
            ExactSum merged = new ExactSum(1).merge(s);
            assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(merged.value(0)), "x = " + x);
        }
    }

    @Test
    void cancellationAndHalfEvenTies() {
        assertEquals(1.0, sum(1e16, 1.0, -1e16));
        assertEquals(0.0, sum(0.1, 0.2, -0.3, -0.1, -0.2, 0.3));
        // fsum's classic: the exact total 1e16 + 1 + 1e-16 lies just above a tie and rounds up to 1e16 + 2.
        assertEquals(10000000000000002.0, sum(1e-16, 1.0, 1e16));
        assertEquals(10000000000000002.0, sum(1e16, 1.0, 1e-16));
    }

    @Test
    void totalsAreCorrectlyRoundedInAnyOrderAndGrouping() {
        Random rng = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            List<Double> xs = new ArrayList<>();
            int n = 2 + rng.nextInt(12);
            for (int i = 0; i < n; i++) {
                xs.add((rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(40) - 20));
            }
            BigDecimal exact = BigDecimal.ZERO;
            for (double x : xs) {
                exact = exact.add(new BigDecimal(x));
            }
            double expected = exact.doubleValue(); // correctly rounded (via the decimal string)
            Collections.shuffle(xs, rng);
            ExactSum left = new ExactSum(1);
            ExactSum right = new ExactSum(1);
            int cut = rng.nextInt(n + 1);
            for (int i = 0; i < n; i++) {
                (i < cut ? left : right).add(0, xs.get(i));
            }
            assertEquals(expected, left.merge(right).value(0), "trial " + trial + ": " + xs);
        }
    }

    @Test
    void weightedVectorsAverageExactly() {
        double[] x = {0.1, -2.5, 1e-9};
        ExactSum s = new ExactSum(3).addScaled(0.5, x).merge(new ExactSum(3).addScaled(0.5, x));
        assertEquals(List.of(0.1, -2.5, 1e-9), List.of(s.value(0), s.value(1), s.value(2)));
    }

    private static double sum(double... xs) {
        ExactSum s = new ExactSum(1);
        for (double x : xs) {
            s.add(0, x);
        }
        return s.value(0);
    }
}

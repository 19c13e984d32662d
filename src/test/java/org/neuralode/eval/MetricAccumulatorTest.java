package org.neuralode.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricAccumulatorTest {

    /**
     * Relative tolerance of the brief. The sums are of at most 2000 positive terms (relative rounding
     * error bound about 2000 * 1.1e-16 = 2.2e-13) and M2 is combined by the stable pairwise update, so
     * 1e-12 holds with margin while any formula or bookkeeping error would be far larger.
     */
    private static final double REL = 1e-12;

    @Test
    void randomChunksMergedInAnyOrderEqualCompute() {
        Random rng = new Random(42);
        for (int trial = 0; trial < 20; trial++) {
            int n = 50 + rng.nextInt(1950);
            double[][] data = randomData(rng, n, 300.0);
            MetricSet expected = Metrics.compute(data[0], data[1], 36);
            List<MetricAccumulator> parts = chunks(rng, data[0], data[1]);

            MetricAccumulator leftFold = new MetricAccumulator();
            parts.forEach(leftFold::merge);
            assertClose(expected, leftFold.result(36));

            Collections.shuffle(parts, rng);
            assertClose(expected, treeMerge(parts).result(36));
        }
    }

    @Test
    void addingManyArraysEqualsOneConcatenatedArray() {
        Random rng = new Random(7);
        double[][] a = randomData(rng, 30, 5.0);
        double[][] b = randomData(rng, 70, 5.0);
        MetricAccumulator acc = new MetricAccumulator().add(a[0], a[1]).add(b[0], b[1]);
        MetricSet expected = Metrics.compute(concat(a[0], b[0]), concat(a[1], b[1]), 4);
        assertClose(expected, acc.result(4));
    }

    @Test
    void emptyAccumulatorIsTheNeutralElement() {
        Random rng = new Random(3);
        double[][] d = randomData(rng, 40, 1.0);
        MetricSet expected = Metrics.compute(d[0], d[1], 2);
        MetricAccumulator acc = new MetricAccumulator().merge(new MetricAccumulator())
                .add(d[0], d[1]).merge(new MetricAccumulator());
        assertEquals(expected, acc.result(2));
        assertEquals(expected, new MetricAccumulator().merge(acc).result(2));
    }

    /** y = 1e6 + U(0,1): sum y^2 - n mean^2 would lose about 12 of 16 digits; the pairwise update keeps R^2. */
    @Test
    void rSquaredSurvivesLargeOffsetAgainstExactOracle() {
        Random rng = new Random(11);
        int n = 1000;
        double[] y = new double[n];
        double[] yhat = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = 1e6 + rng.nextDouble();
            yhat[i] = y[i] + 0.1 * rng.nextGaussian();
        }
        double exactR2 = exactRSquared(y, yhat);
        MetricAccumulator merged = treeMerge(chunks(rng, y, yhat));
        // exact oracle in BigDecimal; 1e-9 leaves room for the rounding of y - yhat (|y| ~ 1e6, ulp ~ 1e-10)
        assertEquals(exactR2, merged.result(0).rSquared(), 1e-9);
        assertEquals(exactR2, Metrics.compute(y, yhat, 0).rSquared(), 1e-9);
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        Random rng = new Random(5);
        double[][] d = randomData(rng, 25, 2.0);
        MetricAccumulator acc = new MetricAccumulator().add(d[0], d[1]);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(acc);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            MetricAccumulator copy = (MetricAccumulator) in.readObject();
            assertEquals(acc.result(3), copy.result(3));
            assertEquals(acc.count(), copy.count());
        }
    }

    /** Observed values around {@code scale} with ~10% missing, predictions with noise. */
    private static double[][] randomData(Random rng, int n, double scale) {
        double[] y = new double[n];
        double[] yhat = new double[n];
        for (int i = 0; i < n; i++) {
            double truth = scale * (0.2 + rng.nextDouble());
            y[i] = rng.nextDouble() < 0.1 ? Double.NaN : truth + 0.05 * scale * rng.nextGaussian();
            yhat[i] = truth;
        }
        return new double[][] {y, yhat};
    }

    /** Cuts the arrays at random points (chunks of 0 to ~100 elements, empty ones included). */
    private static List<MetricAccumulator> chunks(Random rng, double[] y, double[] yhat) {
        List<MetricAccumulator> parts = new ArrayList<>();
        int start = 0;
        while (start < y.length) {
            int end = Math.min(y.length, start + rng.nextInt(100));
            parts.add(new MetricAccumulator().add(Arrays.copyOfRange(y, start, end),
                    Arrays.copyOfRange(yhat, start, end)));
            start = end;
        }
        return parts;
    }

    /** Pairwise reduction, the shape of Spark's treeAggregate. */
    private static MetricAccumulator treeMerge(List<MetricAccumulator> parts) {
        List<MetricAccumulator> level = new ArrayList<>(parts);
        while (level.size() > 1) {
            List<MetricAccumulator> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                next.add(i + 1 < level.size() ? level.get(i).merge(level.get(i + 1)) : level.get(i));
            }
            level = next;
        }
        return level.isEmpty() ? new MetricAccumulator() : level.get(0);
    }

    private static double exactRSquared(double[] y, double[] yhat) {
        MathContext mc = MathContext.DECIMAL128;
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : y) {
            sum = sum.add(new BigDecimal(v));
        }
        BigDecimal mean = sum.divide(BigDecimal.valueOf(y.length), mc);
        BigDecimal ssTot = BigDecimal.ZERO;
        BigDecimal ssRes = BigDecimal.ZERO;
        for (int i = 0; i < y.length; i++) {
            BigDecimal d = new BigDecimal(y[i]).subtract(mean);
            BigDecimal r = new BigDecimal(y[i]).subtract(new BigDecimal(yhat[i]));
            ssTot = ssTot.add(d.multiply(d));
            ssRes = ssRes.add(r.multiply(r));
        }
        return 1.0 - ssRes.divide(ssTot, mc).doubleValue();
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void assertClose(MetricSet expected, MetricSet actual) {
        assertEquals(expected.nPoints(), actual.nPoints());
        assertEquals(expected.nParameters(), actual.nParameters());
        double[] e = values(expected);
        double[] a = values(actual);
        for (int i = 0; i < e.length; i++) {
            double scale = Math.max(Math.abs(e[i]), i >= 5 ? expected.nPoints() : 0);
            assertTrue(Math.abs(e[i] - a[i]) <= REL * scale,
                    "metric " + i + ": expected " + e[i] + " got " + a[i]);
        }
    }

    /** loss, mae, chi2, reduced, wMAPE, then aic, bic (compared relative to n: n ln(X2/n) may cancel 2k), R^2. */
    private static double[] values(MetricSet m) {
        return new double[] {m.loss(), m.mae(), m.chiSquare(), m.reducedChiSquare(), m.weightedMape(),
                m.aic(), m.bic(), m.rSquared()};
    }
}

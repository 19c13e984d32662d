package org.neuralode.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AugmenterTest {

    private static final int T = 50;

    /** Measurements with two identical series (Catalax's bug would give them identical noise). */
    private static Dataset twoStates(int n) {
        List<Measurement> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] time = new double[T];
            double[] a = new double[T];
            for (int t = 0; t < T; t++) {
                time[t] = t;
                a[t] = 10.0 + i + t;
            }
            Map<String, double[]> data = new LinkedHashMap<>();
            data.put("b", a.clone()); // map order b, a: noise must not depend on it
            data.put("a", a);
            ms.add(new Measurement("m" + i, null, null, Map.of("a", 10.0, "b", 10.0, "k", 1.0), time, data));
        }
        return Dataset.of("d", "d", null, ms);
    }

    @Test
    void originalsFirstThenRoundsAndEachCopyIsReproducibleAlone() {
        Dataset d = twoStates(4);
        Dataset aug = Augmenter.augment(d, 3, 0.5, 42L, false);
        assertEquals(16, aug.size());
        assertEquals(d.states(), aug.states());
        for (int i = 0; i < 4; i++) {
            assertSame(d.measurements().get(i), aug.measurements().get(i));
        }
        for (int round = 1; round <= 3; round++) {
            for (int i = 0; i < 4; i++) {
                Measurement copy = aug.measurements().get(round * 4 + i);
                Measurement alone = Augmenter.augmentOne(d.measurements().get(i), round, i, 0.5, 42L, false);
                assertEquals(alone.id(), copy.id());
                assertEquals(Augmenter.copyId("m" + i, round, 42L), copy.id());
                assertArrayEquals(alone.data().get("a"), copy.data().get("a"));
                assertArrayEquals(alone.data().get("b"), copy.data().get("b"));
                assertArrayEquals(d.measurements().get(i).time(), copy.time());
                assertEquals(d.measurements().get(i).initialConditions(), copy.initialConditions());
            }
        }
        Set<String> ids = new HashSet<>(aug.ids());
        assertEquals(16, ids.size(), "all ids distinct");
        DatasetValidator.validate(aug, "augmented");
    }

    @Test
    void deterministicPerSeed() {
        Dataset d = twoStates(2);
        Dataset x = Augmenter.augment(d, 2, 0.1, 7L, false);
        Dataset y = Augmenter.augment(d, 2, 0.1, 7L, false);
        DatasetAssertions.assertSameData(x, y);
        Dataset z = Augmenter.augment(d, 2, 0.1, 8L, false);
        assertNotEquals(x.measurements().get(2).data().get("a")[0], z.measurements().get(2).data().get("a")[0]);
        assertNotEquals(x.ids().get(2), z.ids().get(2));
        assertEquals(d.size(), Augmenter.augment(d, 0, 0.1, 7L, false).size());
    }

    /**
     * eps = (y - x) / sigma over 200 copies x 2 states x 50 points = 20,000 deviates must look like
     * independent N(0,1): mean within 4 standard errors (4/sqrt(n) = 0.028), variance within 4 standard
     * errors of 1 (4*sqrt(2/n) = 0.04), and the correlation between the two states' noise at the same point,
     * between neighbouring points and between rounds within 4/sqrt(n') of 0. The seed is fixed, so this is
     * a deterministic check that would fail with Catalax's shared noise vector (correlation 1).
     */
    @Test
    void noiseIsIndependentStandardNormalPerElement() {
        Dataset d = twoStates(100);
        double sigma = 0.3;
        Dataset aug = Augmenter.augment(d, 2, sigma, 123L, false);
        List<Double> all = new ArrayList<>();
        List<double[]> pairsState = new ArrayList<>();
        List<double[]> pairsTime = new ArrayList<>();
        List<double[]> pairsRound = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Measurement m = d.measurements().get(i);
            double[][] ea = new double[3][];
            double[][] eb = new double[3][];
            for (int round = 1; round <= 2; round++) {
                Measurement c = aug.measurements().get(round * 100 + i);
                ea[round] = eps(c.data().get("a"), m.data().get("a"), sigma);
                eb[round] = eps(c.data().get("b"), m.data().get("b"), sigma);
                for (int t = 0; t < T; t++) {
                    all.add(ea[round][t]);
                    all.add(eb[round][t]);
                    pairsState.add(new double[] {ea[round][t], eb[round][t]});
                    if (t > 0) {
                        pairsTime.add(new double[] {ea[round][t - 1], ea[round][t]});
                    }
                }
            }
            for (int t = 0; t < T; t++) {
                pairsRound.add(new double[] {ea[1][t], ea[2][t]});
            }
        }
        int n = all.size();
        double mean = all.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double var = all.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (n - 1);
        assertEquals(0.0, mean, 4 / Math.sqrt(n));
        assertEquals(1.0, var, 4 * Math.sqrt(2.0 / n));
        assertEquals(0.0, correlation(pairsState), 4 / Math.sqrt(pairsState.size()), "state vs state");
        assertEquals(0.0, correlation(pairsTime), 4 / Math.sqrt(pairsTime.size()), "t vs t+1");
        assertEquals(0.0, correlation(pairsRound), 4 / Math.sqrt(pairsRound.size()), "round 1 vs round 2");
    }

    @Test
    void multiplicativeUsesTheSameDeviatesRelatively() {
        Dataset d = twoStates(3);
        Dataset add = Augmenter.augment(d, 1, 0.2, 5L, false);
        Dataset mul = Augmenter.augment(d, 1, 0.2, 5L, true);
        for (int i = 0; i < 3; i++) {
            double[] x = d.measurements().get(i).data().get("a");
            double[] ya = add.measurements().get(3 + i).data().get("a");
            double[] ym = mul.measurements().get(3 + i).data().get("a");
            for (int t = 0; t < T; t++) {
                // same eps: (ym/x - 1) == (ya - x); 1e-12 relative covers the different rounding paths
                assertEquals((ya[t] - x[t]), (ym[t] / x[t] - 1.0), 1e-12);
            }
        }
    }

    @Test
    void missingStaysMissingAndArgumentsAreChecked() {
        Measurement m = new Measurement("m", null, null, Map.of("a", 1.0), new double[] {0, 1, 2},
                Map.of("a", new double[] {1.0, Double.NaN, 3.0}));
        Measurement c = Augmenter.augmentOne(m, 1, 0, 1.0, 1L, false);
        assertTrue(Double.isNaN(c.data().get("a")[1]));
        assertNotEquals(1.0, c.data().get("a")[0]);
        assertThrows(IllegalArgumentException.class, () -> Augmenter.augmentOne(m, 1, 0, -1.0, 1L, false));
        assertThrows(IllegalArgumentException.class, () -> Augmenter.augmentOne(m, 1, 0, Double.NaN, 1L, false));
        Dataset d = Dataset.of("d", "d", null, List.of(m));
        assertThrows(IllegalArgumentException.class, () -> Augmenter.augment(d, -1, 0.1, 1L, false));
    }

    private static double[] eps(double[] y, double[] x, double sigma) {
        double[] e = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            e[t] = (y[t] - x[t]) / sigma;
        }
        return e;
    }

    private static double correlation(List<double[]> pairs) {
        double mx = 0;
        double my = 0;
        for (double[] p : pairs) {
            mx += p[0];
            my += p[1];
        }
        mx /= pairs.size();
        my /= pairs.size();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] p : pairs) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}

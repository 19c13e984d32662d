package org.neuralode.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ensemble view of one grid point's held-out predictions: for every held-out measurement, the mean of
 * its completed members' predictions and, on the dense grid, the members' minimum and maximum (the band
 * drawn around the mean). With one member the band is the curve itself. Stateless.
 */
final class CvEnsemble {

    /**
     * One held-out measurement of one fold.
     *
     * @param fold       0-based fold
     * @param first      the first member's prediction (observations, times, states)
     * @param members    completed members averaged
     * @param predicted  member mean at the measurement times, {@code [T][S]}
     * @param denseMean  member mean on the dense grid, {@code [M][S]}
     * @param denseMin   member minimum, {@code [M][S]}
     * @param denseMax   member maximum, {@code [M][S]}
     */
    record Curve(int fold, CvPrediction first, int members, double[][] predicted, double[][] denseMean,
                 double[][] denseMin, double[][] denseMax) {
    }

    private CvEnsemble() {
    }

    /**
     * Groups the completed tasks of one grid point by (fold, measurement) and averages over members.
     *
     * @param tasks tasks of one grid point, sorted by (fold, member)
     * @return one curve per held-out measurement, in fold order, then the fold's held-out order
     */
    static List<Curve> curves(List<CvTaskResult> tasks) {
        Map<String, List<CvPrediction>> byKey = new LinkedHashMap<>();
        Map<String, Integer> folds = new LinkedHashMap<>();
        for (CvTaskResult t : tasks) {
            if (!t.completed()) {
                continue;
            }
            for (CvPrediction p : t.predictions()) {
                String key = t.fold() + "/" + p.measurementId();
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
                folds.put(key, t.fold());
            }
        }
        List<Curve> out = new ArrayList<>(byKey.size());
        for (Map.Entry<String, List<CvPrediction>> e : byKey.entrySet()) {
            out.add(curve(folds.get(e.getKey()), e.getValue()));
        }
        return out;
    }

    private static Curve curve(int fold, List<CvPrediction> members) {
        CvPrediction first = members.get(0);
        int s = first.states().size();
        double[][] predicted = new double[first.time().length][s];
        double[][] mean = new double[first.denseTime().length][s];
        double[][] min = new double[mean.length][s];
        double[][] max = new double[mean.length][s];
        for (int k = 0; k < mean.length; k++) {
            Arrays.fill(min[k], Double.POSITIVE_INFINITY);
            Arrays.fill(max[k], Double.NEGATIVE_INFINITY);
        }
        for (CvPrediction p : members) {
            accumulate(predicted, p.predicted(), members.size());
            accumulate(mean, p.dense(), members.size());
            for (int k = 0; k < mean.length; k++) {
                for (int j = 0; j < s; j++) {
                    min[k][j] = Math.min(min[k][j], p.dense()[k][j]);
                    max[k][j] = Math.max(max[k][j], p.dense()[k][j]);
                }
            }
        }
        return new Curve(fold, first, members.size(), predicted, mean, min, max);
    }

    private static void accumulate(double[][] into, double[][] values, int count) {
        for (int k = 0; k < into.length; k++) {
            for (int j = 0; j < into[k].length; j++) {
                into[k][j] += values[k][j] / count;
            }
        }
    }
}

package org.neuralode.ode;

import static org.neuralode.ode.RkCombination.combine;

/**
 * The outputs of a solve and their cotangents, shared by {@link Solver} and the batched solver
 * ({@code ode.batch}) so that both write and differentiate them with the same operations in the same
 * order. Pure static functions over caller-owned arrays; no allocation.
 *
 * <p>Every output k is recorded as a position {@code (outStep[k], outTheta[k])}: {@code theta = 0}
 * means the output is the state {@code y_j} at node {@code j = outStep[k]} (a copy); {@code theta} in
 * (0, 1) means it lies inside step {@code j} and is the step's continuous extension
 * {@code y_j + h_j sum_i b_i(theta) k_{j,i}} (Hairer, Norsett and Wanner, <i>Solving ODEs I</i>, 2nd
 * ed., section II.6; {@link ButcherTableau#denseWeights}). The record is in time order, so nodes and
 * interiors alternate: node j's outputs, then step j's interior ones, then node j+1's.
 *
 * <p>Layout as in {@link RungeKuttaStepper}: state j at {@code y[j*n ..]}, step j's s stages at
 * {@code k[j*s*n ..]}.
 */
public final class DenseOutput {

    private DenseOutput() {
    }

    /**
     * Writes, from output {@code next} on, every output whose time is at most {@code tEnd}, the time of
     * node {@code node}: those at {@code tEnd} are that node's state, those before it lie inside step
     * {@code node - 1} (from {@code t}, size {@code h}) and are interpolated. (With landing steps, or at
     * the start with {@code node = 0} and {@code tEnd = t0}, only the first kind occurs.)
     *
     * @param w scratch of length s (the weights)
     * @return the index of the first output not written
     */
    public static int emit(ButcherTableau tab, double[] times, int nTimes, int next, double t, double h,
                           double tEnd, double[] y, double[] k, int node, int n, double[] out, int[] outStep,
                           double[] outTheta, double[] w) {
        int s = tab.stages();
        while (next < nTimes && times[next] <= tEnd) {
            if (times[next] == tEnd) {
                System.arraycopy(y, node * n, out, next * n, n);
                outStep[next] = node;
                outTheta[next] = 0.0;
            } else {
                double theta = (times[next] - t) / h;
                interpolate(tab, theta, h, y, (node - 1) * n, k, (node - 1) * s * n, n, w, out, next * n);
                outStep[next] = node - 1;
                outTheta[next] = theta;
            }
            next++;
        }
        return next;
    }

    /**
     * {@code dst = y + h sum_i b_i(theta) k_i} for the step whose start state is at {@code y[yOff ..]}
     * and stages at {@code k[kOff ..]}.
     *
     * @param w scratch of length s
     */
    public static void interpolate(ButcherTableau tab, double theta, double h, double[] y, int yOff, double[] k,
                                   int kOff, int n, double[] w, double[] dst, int dstOff) {
        tab.denseWeights(theta, w);
        combine(w, tab.stages(), h, y, yOff, k, kOff, n, dst, dstOff);
    }

    /**
     * Backward, descending through the record from output {@code next}: adds the cotangents of the
     * outputs at node {@code node} to {@code yBar[yBarOff .. +n)} (the cotangent of that node's state).
     *
     * @return the index of the first output (descending) not consumed
     */
    public static int addNodeCotangents(int node, int next, int[] outStep, double[] outTheta, double[] outBar,
                                        double[] yBar, int yBarOff, int n) {
        while (next >= 0 && outStep[next] == node && outTheta[next] == 0.0) {
            for (int m = 0; m < n; m++) {
                yBar[yBarOff + m] += outBar[next * n + m];
            }
            next--;
        }
        return next;
    }

    /**
     * Backward through the outputs inside step {@code step} (size h), descending from {@code next}: each
     * output's cotangent v adds {@code h b_i(theta) v} to stage i's cotangent {@code kBar[kBarOff + i*n ..]}
     * and v to the step's start-state cotangent {@code yBar[yBarOff ..]}.
     *
     * @param w scratch of length s
     * @return the index of the first output (descending) not consumed
     */
    public static int addInteriorCotangents(ButcherTableau tab, int step, double h, int next, int[] outStep,
                                            double[] outTheta, double[] outBar, double[] yBar, int yBarOff,
                                            double[] kBar, int kBarOff, int n, double[] w) {
        int s = tab.stages();
        while (next >= 0 && outStep[next] == step && outTheta[next] != 0.0) {
            tab.denseWeights(outTheta[next], w);
            int o = next * n;
            for (int i = 0; i < s; i++) {
                double wi = h * w[i];
                if (wi != 0.0) {
                    for (int m = 0; m < n; m++) {
                        kBar[kBarOff + i * n + m] += wi * outBar[o + m];
                    }
                }
            }
            for (int m = 0; m < n; m++) {
                yBar[yBarOff + m] += outBar[o + m];
            }
            next--;
        }
        return next;
    }
}

package org.neuralode.ode;

/**
 * The stage combinations of an explicit Runge-Kutta step, shared by the single-trajectory stepper
 * ({@link RungeKuttaStepper}) and the batched solver ({@code ode.batch}) so that both perform the same
 * operations in the same order and a batched step reproduces a single-trajectory step bit for bit. Pure
 * static functions over caller-owned arrays.
 */
public final class RkCombination {

    private RkCombination() {
    }

    /**
     * {@code dst = base + h * sum_{j<count} w_j k_j}, or {@code h * sum ...} when {@code base} is null;
     * zero weights are skipped. Stage j of the block is {@code k[kOff + j*n ..]}.
     */
    public static void combine(double[] w, int count, double h, double[] base, int baseOff,
                        double[] k, int kOff, int n, double[] dst, int dstOff) {
        for (int m = 0; m < n; m++) {
            double acc = 0.0;
            for (int j = 0; j < count; j++) {
                double wj = w[j];
                if (wj != 0.0) {
                    acc += wj * k[kOff + j * n + m];
                }
            }
            dst[dstOff + m] = base == null ? h * acc : base[baseOff + m] + h * acc;
        }
    }

    /**
     * The cotangents of a step's stages through its solution {@code y1 = y + h sum_i b_i k_i}:
     * {@code kBar[kBarOff + i*n + m] = h b_i yBar[yBarOff + m]} for the s stages (overwritten), given the
     * cotangent {@code yBar} of {@code y1}.
     */
    public static void seedStageCotangents(double[] b, int s, double h, double[] yBar, int yBarOff, double[] kBar,
                                           int kBarOff, int n) {
        for (int i = 0; i < s; i++) {
            double w = h * b[i];
            for (int m = 0; m < n; m++) {
                kBar[kBarOff + i * n + m] = w * yBar[yBarOff + m];
            }
        }
    }

    /** Whether {@code v[off .. off+n)} are all finite. */
    public static boolean finite(double[] v, int off, int n) {
        for (int m = 0; m < n; m++) {
            if (!Double.isFinite(v[off + m])) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code v[off .. off+n)} are all exactly zero. */
    public static boolean isZero(double[] v, int off, int n) {
        for (int m = 0; m < n; m++) {
            if (v[off + m] != 0.0) {
                return false;
            }
        }
        return true;
    }
}

package org.neuralode.ode;

import static org.neuralode.ode.RkCombination.combine;
import static org.neuralode.ode.RkCombination.finite;
import static org.neuralode.ode.RkCombination.isZero;

/**
 * One step of a generic explicit Runge-Kutta method, and its vector-Jacobian product, for any
 * {@link ButcherTableau}. Pure functions over caller-owned arrays (states of length n at given
 * offsets, stages stored contiguously as {@code k[kOff + i*n + m]}); no allocation, no state, so
 * thread-safe as long as callers do not share the arrays.
 *
 * <p>Layout of the stage block for s stages: {@code k[kOff .. kOff + s*n)}, stage i at
 * {@code kOff + i*n}.
 */
final class RungeKuttaStepper {

    private RungeKuttaStepper() {
    }

    /**
     * Takes one step of size h from {@code (t, y)}.
     *
     * @param knownFirstStage whether {@code k}'s stage 0 already holds {@code f(t, y)} (FSAL or a retry
     *                        after rejection); otherwise it is evaluated
     * @param yNew            receives {@code y1} at {@code yNewOff} (may be the same array as {@code y},
     *                        at a disjoint offset)
     * @param err             receives the local error estimate {@code h sum bError_i k_i} at offset 0,
     *                        or null to skip (ignored for non-embedded tableaus)
     * @param stageIn         scratch of length n
     * @param tape            receives each stage's evaluator tape at {@code tapeOff + i * f.tapeSize()}
     *                        (stage 0's is already there when {@code knownFirstStage})
     * @return false as soon as a stage or the new state is NaN or infinite
     */
    static boolean step(VectorField.Evaluator f, double[] theta, ButcherTableau tab, double t, double h,
                        double[] y, int yOff, double[] k, int kOff, boolean knownFirstStage,
                        double[] yNew, int yNewOff, double[] err, double[] stageIn, int n,
                        double[] tape, int tapeOff) {
        double[][] a = tab.a();
        double[] c = tab.c();
        int s = tab.stages();
        int ts = f.tapeSize();
        if (!knownFirstStage) {
            f.eval(t, y, yOff, theta, k, kOff, tape, tapeOff);
            if (!finite(k, kOff, n)) {
                return false;
            }
        }
        for (int i = 1; i < s; i++) {
            combine(a[i], i, h, y, yOff, k, kOff, n, stageIn, 0);
            f.eval(t + c[i] * h, stageIn, 0, theta, k, kOff + i * n, tape, tapeOff + i * ts);
            if (!finite(k, kOff + i * n, n)) {
                return false;
            }
        }
        combine(tab.b(), s, h, y, yOff, k, kOff, n, yNew, yNewOff);
        if (err != null && tab.embedded()) {
            combine(tab.bError(), s, h, null, 0, k, kOff, n, err, 0);
        }
        return finite(yNew, yNewOff, n);
    }

    /**
     * Reverse-mode sweep through the stages of one step with h held constant. On entry {@code kBar}
     * holds the stages' cotangents (from the step's solution, {@link RkCombination#seedStageCotangents},
     * and from outputs interpolated inside it) and {@code yBar[0..n)} the cotangent reaching the step's
     * start state {@code y} directly; on exit {@code yBar} is the whole cotangent of {@code y}.
     * Accumulates the parameter cotangent into {@code thetaBar}. Stage 0 is differentiated as
     * {@code f(t, y)} (also for FSAL methods); a stage whose cotangent is identically zero (e.g. Tsit5's
     * last stage when no output is interpolated inside the step) is skipped.
     *
     * @param kBar       the stage cotangents, length s*n; used as scratch
     * @param stageIn    scratch of length n
     * @param stageInBar scratch of length n
     * @param tape       the stages' evaluator tapes written by {@link #step} (stage i at
     *                   {@code tapeOff + i * tapeSize}), used when {@code tapeSize > 0}
     * @return the number of {@code vjp} calls made
     */
    static int stepVjp(VectorField.Evaluator f, double[] theta, ButcherTableau tab, double t, double h,
                       double[] y, int yOff, double[] k, int kOff, double[] yBar,
                       double[] kBar, double[] stageIn, double[] stageInBar, double[] thetaBar, int n,
                       double[] tape, int tapeOff, int tapeSize) {
        double[][] a = tab.a();
        double[] c = tab.c();
        int s = tab.stages();
        int calls = 0;
        for (int i = s - 1; i >= 0; i--) {
            if (isZero(kBar, i * n, n)) {
                continue;
            }
            if (i == 0) {
                System.arraycopy(y, yOff, stageIn, 0, n);
            } else {
                combine(a[i], i, h, y, yOff, k, kOff, n, stageIn, 0);
            }
            java.util.Arrays.fill(stageInBar, 0, n, 0.0);
            double ti = i == 0 ? t : t + c[i] * h;
            if (tapeSize > 0) {
                f.vjp(ti, stageIn, 0, theta, kBar, i * n, stageInBar, 0, thetaBar, tape, tapeOff + i * tapeSize);
            } else {
                f.vjp(ti, stageIn, 0, theta, kBar, i * n, stageInBar, 0, thetaBar);
            }
            calls++;
            for (int m = 0; m < n; m++) {
                yBar[m] += stageInBar[m];
            }
            for (int j = 0; j < i; j++) {
                double w = h * a[i][j];
                if (w != 0.0) {
                    for (int m = 0; m < n; m++) {
                        kBar[j * n + m] += w * stageInBar[m];
                    }
                }
            }
        }
        return calls;
    }
}

package org.neuralode.ode;

import java.util.Locale;

/**
 * Settings of one {@link Solver}: the method and its step-size control.
 *
 * @param tableau  the Runge-Kutta method; without an embedded pair the solver takes fixed steps of
 *                 {@code dt0}
 * @param rtol     relative tolerance of the error norm (dimensionless, &gt;= 0)
 * @param atol     absolute tolerance of the error norm (units of y, &gt;= 0; rtol + atol &gt; 0)
 * @param maxSteps most step attempts (accepted + rejected) per solve, &gt; 0
 * @param dt0      initial (adaptive) or fixed (non-embedded) step size in units of t, &gt; 0; NaN means
 *                 {@code times[1] - times[0]}, or the whole span {@code times[n-1] - t0} when there is
 *                 at most one output interval
 * @param saveAt   how the outputs are obtained: {@link SaveAt#LAND} (the default) or {@link SaveAt#DENSE}
 */
public record SolverOptions(ButcherTableau tableau, double rtol, double atol, int maxSteps, double dt0,
                            SaveAt saveAt) {

    /**
     * How a solve produces the states at its output times.
     */
    public enum SaveAt {
        /**
         * Steps go where the step-size controller (or dt0) puts them and only the last step is clipped
         * to end at the last output time; an output inside a step is the method's continuous extension
         * ({@link ButcherTableau#dense()}) there, as diffrax's {@code SaveAt(ts=...)} does. Methods
         * without one (RK4, Euler) land instead.
         */
        DENSE,
        /** Every step that would pass the next output time is clipped to end on it. */
        LAND;

        /** The mode with this name ({@code dense} or {@code land}), ignoring case. */
        public static SaveAt byName(String name) {
            String key = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
            for (SaveAt m : values()) {
                if (m.name().equals(key)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown saveat '" + name + "'; allowed: dense, land");
        }
    }

    /**
     * Catalax's defaults for training, Tsit5, rtol 1e-3, atol 1e-6, 4096 steps and dt0 from the times, with
     * the outputs landed on ({@link SaveAt#LAND}; Catalax interpolates them).
     */
    public static SolverOptions defaults() {
        return new SolverOptions(Tableaus.TSIT5, 1e-3, 1e-6, 4096, Double.NaN);
    }

    /**
     * Options that land on every output time ({@link SaveAt#LAND}, the default: at equal tolerances dense
     * output trains faster but fits worse, see the README's Performance section).
     */
    public SolverOptions(ButcherTableau tableau, double rtol, double atol, int maxSteps, double dt0) {
        this(tableau, rtol, atol, maxSteps, dt0, SaveAt.LAND);
    }

    public SolverOptions {
        if (tableau == null) {
            throw new IllegalArgumentException("tableau is null");
        }
        if (!(rtol >= 0) || !(atol >= 0) || !(rtol + atol > 0) || Double.isInfinite(rtol + atol)) {
            throw new IllegalArgumentException("tolerances must be finite, >= 0 and not both 0: rtol "
                    + rtol + ", atol " + atol);
        }
        if (maxSteps <= 0) {
            throw new IllegalArgumentException("maxSteps must be > 0: " + maxSteps);
        }
        if (!Double.isNaN(dt0) && !(dt0 > 0 && dt0 < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("dt0 must be NaN (automatic) or finite and > 0: " + dt0);
        }
        if (saveAt == null) {
            throw new IllegalArgumentException("saveAt is null");
        }
    }

    /**
     * Whether solves interpolate outputs inside steps: {@link SaveAt#DENSE} and a tableau with a
     * continuous extension.
     */
    public boolean interpolates() {
        return saveAt == SaveAt.DENSE && tableau.hasDense();
    }

    /**
     * The first step of a solve from {@code t0} with outputs at {@code times[0 .. nTimes)}: {@link #dt0()}
     * when set, else the first output interval, else the whole span (1 when there is none).
     */
    public double initialStep(double t0, double[] times, int nTimes) {
        if (!Double.isNaN(dt0)) {
            return dt0;
        }
        if (nTimes >= 2 && times[1] > times[0]) {
            return times[1] - times[0];
        }
        double span = nTimes == 0 ? 0.0 : times[nTimes - 1] - t0;
        return span > 0 ? span : 1.0;
    }

    /** A copy with another method. */
    public SolverOptions withTableau(ButcherTableau t) {
        return new SolverOptions(t, rtol, atol, maxSteps, dt0, saveAt);
    }

    /** A copy with other tolerances. */
    public SolverOptions withTolerances(double newRtol, double newAtol) {
        return new SolverOptions(tableau, newRtol, newAtol, maxSteps, dt0, saveAt);
    }

    /** A copy with another step limit. */
    public SolverOptions withMaxSteps(int n) {
        return new SolverOptions(tableau, rtol, atol, n, dt0, saveAt);
    }

    /** A copy with another initial / fixed step (NaN: automatic). */
    public SolverOptions withDt0(double h) {
        return new SolverOptions(tableau, rtol, atol, maxSteps, h, saveAt);
    }

    /** A copy with another output mode. */
    public SolverOptions withSaveAt(SaveAt mode) {
        return new SolverOptions(tableau, rtol, atol, maxSteps, dt0, mode);
    }
}

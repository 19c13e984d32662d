package org.neuralode.ode;

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
 */
public record SolverOptions(ButcherTableau tableau, double rtol, double atol, int maxSteps, double dt0) {

    /** Catalax's defaults for training: Tsit5, rtol 1e-3, atol 1e-6, 4096 steps, dt0 from the times. */
    public static SolverOptions defaults() {
        return new SolverOptions(Tableaus.TSIT5, 1e-3, 1e-6, 4096, Double.NaN);
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
    }

    /** A copy with another method. */
    public SolverOptions withTableau(ButcherTableau t) {
        return new SolverOptions(t, rtol, atol, maxSteps, dt0);
    }

    /** A copy with other tolerances. */
    public SolverOptions withTolerances(double newRtol, double newAtol) {
        return new SolverOptions(tableau, newRtol, newAtol, maxSteps, dt0);
    }

    /** A copy with another step limit. */
    public SolverOptions withMaxSteps(int n) {
        return new SolverOptions(tableau, rtol, atol, n, dt0);
    }

    /** A copy with another initial / fixed step (NaN: automatic). */
    public SolverOptions withDt0(double h) {
        return new SolverOptions(tableau, rtol, atol, maxSteps, h);
    }
}

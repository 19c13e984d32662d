package org.neuralode.ode;

/**
 * The integral (I) step-size controller used by Catalax/diffrax with its default coefficients
 * (Hairer, Norsett and Wanner, <i>Solving Ordinary Differential Equations I</i>, 2nd ed., section II.4).
 *
 * <p>Scaled error: {@code err = sqrt(mean_i (e_i / (atol + rtol * max(|y0_i|, |y1_i|)))^2)}; a step is
 * accepted when {@code err <= 1}. The next step is {@code h * factor} with
 * {@code factor = 0.9 * err^(-1/(q+1))}, q the embedded order, clipped to {@code [1, 10]} after an
 * accepted step (an accepted step never shrinks the next one) and to {@code [0.2, 0.9]} after a
 * rejection. Immutable and thread-safe.
 *
 * @param rtol          relative tolerance
 * @param atol          absolute tolerance (units of y)
 * @param embeddedOrder order q of the embedded solution, &gt; 0
 */
public record IController(double rtol, double atol, int embeddedOrder) {

    static final double SAFETY = 0.9;
    static final double ACCEPT_MIN = 1.0;
    static final double ACCEPT_MAX = 10.0;
    static final double REJECT_MIN = 0.2;
    static final double REJECT_MAX = 0.9;

    public IController {
        if (embeddedOrder <= 0) {
            throw new IllegalArgumentException("embeddedOrder must be > 0: " + embeddedOrder);
        }
    }

    /** The controller for these options; their tableau must be embedded. */
    public static IController of(SolverOptions options) {
        return new IController(options.rtol(), options.atol(), options.tableau().embeddedOrder());
    }

    /**
     * The scaled RMS error norm of {@code e[eOff..eOff+n)} for a step from {@code y0[y0Off..]} to
     * {@code y1[y1Off..]}. NaN or infinite if any input is; 0 when {@code n == 0}.
     */
    public double errorNorm(double[] e, int eOff, double[] y0, int y0Off, double[] y1, int y1Off, int n) {
        if (n == 0) {
            return 0.0;
        }
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double scale = atol + rtol * Math.max(Math.abs(y0[y0Off + i]), Math.abs(y1[y1Off + i]));
            double r = e[eOff + i] / scale;
            sum += r * r;
        }
        return Math.sqrt(sum / n);
    }

    /** Whether a step with this scaled error is accepted ({@code err <= 1}; false for NaN). */
    public boolean accepts(double err) {
        return err <= 1.0;
    }

    /** Growth factor after an accepted step with scaled error {@code err}, in [1, 10]. */
    public double acceptFactor(double err) {
        return clip(rawFactor(err), ACCEPT_MIN, ACCEPT_MAX);
    }

    /** Shrink factor after a rejected step with scaled error {@code err}, in [0.2, 0.9]. */
    public double rejectFactor(double err) {
        return clip(rawFactor(err), REJECT_MIN, REJECT_MAX);
    }

    private double rawFactor(double err) {
        return SAFETY * Math.pow(err, -1.0 / (embeddedOrder + 1));
    }

    private static double clip(double x, double lo, double hi) {
        return Math.min(hi, Math.max(lo, x));
    }
}

package org.neuralode.hybrid;

import java.io.Serializable;

/**
 * The universal model's own penalties (Catalax's {@code Penalties.for_universal_ode}): L2 and L1 strengths on
 * the gate matrix and on the residual scales. The MLP's L2 and L1 come from the strategy phase's
 * {@code alpha} and {@code l1}, as for a neural ODE; the mechanistic parameters carry none.
 *
 * @param l2Gate     L2 strength on the gate matrix (Catalax default 1e-3)
 * @param l1Gate     L1 strength on the gate matrix (default 0)
 * @param l2Residual L2 strength on the residual scales (default 1e-3)
 * @param l1Residual L1 strength on the residual scales (default 0)
 */
public record UodePenalties(double l2Gate, double l1Gate, double l2Residual, double l1Residual)
        implements Serializable {

    /** Validates. @throws IllegalArgumentException for a negative or non-finite strength */
    public UodePenalties {
        for (double v : new double[] {l2Gate, l1Gate, l2Residual, l1Residual}) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("penalty strengths must be finite and >= 0, got " + v);
            }
        }
    }
}

package org.neuralode.ode;

import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/** The independent ODE oracle of the tests: Hipparchus, through any {@link VectorField}. */
public final class HipparchusOracle {

    private HipparchusOracle() {
    }

    /**
     * Reference solution by Hipparchus' Dormand-Prince 8(5,3) at rtol = atol = 1e-13, restarted at
     * each output time; returns {@code out[k*S + i]}.
     */
    public static double[] solve(VectorField field, double[] theta, double[] y0, double t0, double[] times) {
        int n = field.dim();
        VectorField.Evaluator ev = field.newEvaluator();
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return n;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] dy = new double[n];
                ev.eval(t, y, 0, theta, dy, 0);
                return dy;
            }
        };
        DormandPrince853Integrator dp = new DormandPrince853Integrator(1e-12, 1e3, 1e-13, 1e-13);
        double[] out = new double[times.length * n];
        ODEState state = new ODEState(t0, y0.clone());
        for (int k = 0; k < times.length; k++) {
            if (times[k] > state.getTime()) {
                state = dp.integrate(ode, state, times[k]);
            }
            System.arraycopy(state.getPrimaryState(), 0, out, k * n, n);
        }
        return out;
    }
}

package org.neuralode.ode;

import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
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
        DormandPrince853Integrator dp = new DormandPrince853Integrator(1e-12, 1e3, 1e-13, 1e-13);
        double[] out = new double[times.length * n];
        OrdinaryDifferentialEquation ode = ode(field, theta);
        ODEState state = new ODEState(t0, y0.clone());
        for (int k = 0; k < times.length; k++) {
            if (times[k] > state.getTime()) {
                state = dp.integrate(ode, state, times[k]);
            }
            System.arraycopy(state.getPrimaryState(), 0, out, k * n, n);
        }
        return out;
    }

    /**
     * Hipparchus' Dormand-Prince 5(4) with fixed steps h from t0 to tEnd (min = max = initial step, loose
     * tolerances so that no step is rejected), read at {@code times} (inside (t0, tEnd)) through its
     * dense output, {@code DormandPrince54StateInterpolator}; returns {@code out[k*S + i]}.
     */
    public static double[] dormandPrince54Dense(VectorField field, double[] theta, double[] y0, double t0,
                                                double tEnd, double h, double[] times) {
        int n = field.dim();
        DormandPrince54Integrator dp = new DormandPrince54Integrator(h, h, 1e6, 1e6);
        dp.setInitialStepSize(h);
        double[] out = new double[times.length * n];
        dp.addStepHandler(interpolator -> {
            double from = interpolator.getPreviousState().getTime();
            double to = interpolator.getCurrentState().getTime();
            for (int k = 0; k < times.length; k++) {
                if (times[k] > from && times[k] <= to) {
                    System.arraycopy(interpolator.getInterpolatedState(times[k]).getPrimaryState(), 0, out, k * n, n);
                }
            }
        });
        dp.integrate(ode(field, theta), new ODEState(t0, y0.clone()), tEnd);
        return out;
    }

    private static OrdinaryDifferentialEquation ode(VectorField field, double[] theta) {
        int n = field.dim();
        VectorField.Evaluator ev = field.newEvaluator();
        return new OrdinaryDifferentialEquation() {
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
    }
}

package org.neuralode.hybrid;

import java.util.Arrays;
import org.neuralode.ode.VectorField;

/**
 * The vector field of a {@link UniversalOde}: {@code f_mech + softplus(r) * sigmoid(10 G y) * n} with
 * {@code n} the MLP's output (or {@code f_mech + n} ungated), over the flat parameter layout the model
 * documents. Its vector-Jacobian product chains both parts' products with the gate's and the scales'
 * derivatives. Immutable; each evaluator owns its slices and scratch and allocates nothing per call.
 */
final class UniversalField implements VectorField {

    private final VectorField mech;
    private final VectorField mlp;
    private final int f;
    private final boolean gated;
    private final int dim;

    UniversalField(VectorField mech, VectorField mlp, int fitted, boolean gated) {
        this.mech = mech;
        this.mlp = mlp;
        this.f = fitted;
        this.gated = gated;
        this.dim = mech.dim();
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public int numParams() {
        return f + mlp.numParams() + (gated ? dim + dim * dim : 0);
    }

    @Override
    public Evaluator newEvaluator() {
        return new UniversalEvaluator();
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
    }

    private static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** Slices of theta for the two parts, the network's output and the gate's state. */
    private final class UniversalEvaluator implements Evaluator {
        private final Evaluator mechEval = mech.newEvaluator();
        private final Evaluator mlpEval = mlp.newEvaluator();
        private final double[] mechTheta = new double[f];
        private final double[] mlpTheta = new double[mlp.numParams()];
        private final double[] mechBar = new double[f];
        private final double[] mlpBar = new double[mlp.numParams()];
        private final double[] net = new double[dim];
        private final double[] gate = new double[dim];
        private final double[] scale = new double[dim];
        private final double[] weighted = new double[dim];

        /** Copies the slices, evaluates the network into {@code net} and the gate and scales. */
        private void forward(double t, double[] y, int yOff, double[] theta) {
            System.arraycopy(theta, 0, mechTheta, 0, f);
            System.arraycopy(theta, f, mlpTheta, 0, mlpTheta.length);
            mlpEval.eval(t, y, yOff, mlpTheta, net, 0);
            if (!gated) {
                Arrays.fill(gate, 1.0);
                Arrays.fill(scale, 1.0);
                return;
            }
            int r = f + mlpTheta.length;
            int g = r + dim;
            for (int i = 0; i < dim; i++) {
                double z = 0;
                for (int j = 0; j < dim; j++) {
                    z += theta[g + i * dim + j] * y[yOff + j];
                }
                gate[i] = sigmoid(10 * z);
                scale[i] = softplus(theta[r + i]);
            }
        }

        @Override
        public void eval(double t, double[] y, int yOff, double[] theta, double[] out, int outOff) {
            forward(t, y, yOff, theta);
            mechEval.eval(t, y, yOff, mechTheta, out, outOff);
            for (int i = 0; i < dim; i++) {
                out[outOff + i] += scale[i] * gate[i] * net[i];
            }
        }

        @Override
        public void vjp(double t, double[] y, int yOff, double[] theta, double[] cot, int cotOff,
                        double[] yBar, int yBarOff, double[] thetaBar) {
            forward(t, y, yOff, theta);
            Arrays.fill(mechBar, 0.0);
            mechEval.vjp(t, y, yOff, mechTheta, cot, cotOff, yBar, yBarOff, mechBar);
            for (int k = 0; k < f; k++) {
                thetaBar[k] += mechBar[k];
            }
            for (int i = 0; i < dim; i++) {
                weighted[i] = cot[cotOff + i] * scale[i] * gate[i];
            }
            Arrays.fill(mlpBar, 0.0);
            mlpEval.vjp(t, y, yOff, mlpTheta, weighted, 0, yBar, yBarOff, mlpBar);
            for (int k = 0; k < mlpBar.length; k++) {
                thetaBar[f + k] += mlpBar[k];
            }
            if (gated) {
                gateAndScaleBar(y, yOff, theta, cot, cotOff, yBar, yBarOff, thetaBar);
            }
        }

        /** d/dr_i = v_i g_i n_i sigmoid(r_i); dz_i = v_i a_i n_i g_i (1 - g_i) 10, z = G y. */
        private void gateAndScaleBar(double[] y, int yOff, double[] theta, double[] cot, int cotOff, double[] yBar,
                                     int yBarOff, double[] thetaBar) {
            int r = f + mlpTheta.length;
            int g = r + dim;
            for (int i = 0; i < dim; i++) {
                double v = cot[cotOff + i] * net[i];
                thetaBar[r + i] += v * gate[i] * sigmoid(theta[r + i]);
                double dz = 10 * v * scale[i] * gate[i] * (1 - gate[i]);
                for (int j = 0; j < dim; j++) {
                    thetaBar[g + i * dim + j] += dz * y[yOff + j];
                    yBar[yBarOff + j] += dz * theta[g + i * dim + j];
                }
            }
        }
    }
}

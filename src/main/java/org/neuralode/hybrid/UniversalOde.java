package org.neuralode.hybrid;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.neuralode.model.MechanisticFit;
import org.neuralode.nn.MlpInit;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.TrainableField;
import org.neuralode.ode.VectorField;

/**
 * Catalax's universal ODE: a mechanistic model's rates plus a neural correction,
 * <pre>
 *   dy/dt = f_mech(t, y; p) + softplus(r) * sigmoid(10 G y) * MLP([y, t / t_max])     (gate: true)
 *   dy/dt = f_mech(t, y; p) + MLP([y, t / t_max])                                     (gate: false)
 * </pre>
 * (elementwise per species; {@code r} the residual scales, {@code G} the S x S gate matrix), with the
 * mechanistic parameters named in the {@link MechanisticFit}'s {@code fit} trained beside the network.
 * Catalax's constructor always turns the gate on whatever its {@code use_gate} says; here {@code gate: false}
 * is honoured.
 *
 * <p>{@code theta} layout: the fit's unconstrained mechanistic values (F), the MLP's parameters in
 * {@link MlpSpec}'s layout (P), then when gated {@code r} (S) and {@code G} row-major (S*S). Penalties: the
 * phase's {@code alpha}/{@code l1} on the MLP's parameters, {@link UodePenalties} on {@code G} and {@code r}, none on
 * the mechanistic ones. An immutable, serialisable value.
 */
public final class UniversalOde implements TrainableField {

    private static final long serialVersionUID = 1L;
    /** Catalax's scale of the initial residual scales and gate matrix (standard normal draws times these). */
    static final double RESIDUAL_INIT = 0.05;
    static final double GATE_INIT = 0.01;

    private final MechanisticFit mechanistic;
    private final MlpSpec spec;
    private final double tMax;
    private final boolean gated;
    private final UodePenalties penalties;
    private final double[] theta;

    /**
     * @param mechanistic the mechanistic part (its theta: the fitted parameters' start or current values)
     * @param spec        the MLP (state dimension = the model's species count)
     * @param tMax        time scale of the MLP's time input, finite and > 0
     * @param gated       whether the correction is gated and scaled
     * @param penalties   the gate and residual penalties
     * @param theta       all parameters in the documented layout
     */
    public UniversalOde(MechanisticFit mechanistic, MlpSpec spec, double tMax, boolean gated, UodePenalties penalties,
                        double[] theta) {
        int s = mechanistic.states().size();
        if (spec.stateDim() != s) {
            throw new IllegalArgumentException("the MLP has " + spec.stateDim() + " states, the model " + s);
        }
        MlpSpec.requireTimeScale(tMax);
        int n = mechanistic.numParams() + spec.numParams() + (gated ? s + s * s : 0);
        if (theta.length != n) {
            throw new IllegalArgumentException("theta has length " + theta.length + ", expected " + n);
        }
        this.mechanistic = mechanistic;
        this.spec = spec;
        this.tMax = tMax;
        this.gated = gated;
        this.penalties = penalties;
        this.theta = theta.clone();
    }

    /**
     * A fresh universal model: the fit at its start, the MLP initialised by {@link MlpInit} with
     * {@code weightScale} (and {@code scaleFinalLayer}), and {@code r ~ 0.05 N(0, 1)},
     * {@code G ~ 0.01 N(0, 1)} drawn from {@code seed} as Catalax draws them.
     */
    public static UniversalOde initialise(MechanisticFit mechanistic, MlpSpec spec, double tMax, boolean gated,
                                          UodePenalties penalties, double weightScale, boolean scaleFinalLayer,
                                          long seed) {
        int s = mechanistic.states().size();
        double[] mech = mechanistic.theta();
        double[] mlp = MlpInit.init(spec, weightScale, scaleFinalLayer, seed);
        double[] theta = new double[mech.length + mlp.length + (gated ? s + s * s : 0)];
        System.arraycopy(mech, 0, theta, 0, mech.length);
        System.arraycopy(mlp, 0, theta, mech.length, mlp.length);
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int j = mech.length + mlp.length; j < theta.length; j++) {
            theta[j] = (j < mech.length + mlp.length + s ? RESIDUAL_INIT : GATE_INIT) * rng.nextGaussian();
        }
        return new UniversalOde(mechanistic, spec, tMax, gated, penalties, theta);
    }

    /** The mechanistic part with the current fitted values. */
    public MechanisticFit mechanistic() {
        return mechanistic.withTheta(Arrays.copyOfRange(theta, 0, mechanistic.numParams()));
    }

    /** The MLP as a neural ODE with the current network parameters. */
    public NeuralOde network() {
        int f = mechanistic.numParams();
        return new NeuralOde(states(), spec, tMax, Arrays.copyOfRange(theta, f, f + spec.numParams()));
    }

    /** The MLP's architecture. */
    public MlpSpec spec() {
        return spec;
    }

    /** Time scale of the MLP's time input. */
    public double tMax() {
        return tMax;
    }

    /** Whether the correction is gated and scaled. */
    public boolean gated() {
        return gated;
    }

    /** The gate and residual penalties. */
    public UodePenalties penalties() {
        return penalties;
    }

    @Override
    public List<String> states() {
        return mechanistic.states();
    }

    /** The mechanistic model file's species initial values. */
    @Override
    public Map<String, Double> initialValues() {
        return mechanistic.initialValues();
    }

    @Override
    public int numParams() {
        return theta.length;
    }

    @Override
    public double[] theta() {
        return theta.clone();
    }

    @Override
    public UniversalOde withTheta(double[] newTheta) {
        return new UniversalOde(mechanistic, spec, tMax, gated, penalties, newTheta);
    }

    /** The fitted mechanistic parameters' values. */
    @Override
    public Map<String, Double> namedParameters() {
        return mechanistic().namedParameters();
    }

    @Override
    public VectorField vectorField() {
        return new UniversalField(mechanistic.vectorField(), network().vectorField(), mechanistic.numParams(),
                gated);
    }

    @Override
    public double penalty(double[] t, double alpha, double l1) {
        int f = mechanistic.numParams();
        int r = f + spec.numParams();
        int g = gated ? r + states().size() : r;
        return TrainableField.l2l1(t, f, r, alpha, l1)
                + TrainableField.l2l1(t, r, g, penalties.l2Residual(), penalties.l1Residual())
                + TrainableField.l2l1(t, g, t.length, penalties.l2Gate(), penalties.l1Gate());
    }

    @Override
    public void addPenaltyGradient(double[] t, double alpha, double l1, double[] grad) {
        int f = mechanistic.numParams();
        int r = f + spec.numParams();
        int g = gated ? r + states().size() : r;
        TrainableField.addL2L1Gradient(t, f, r, alpha, l1, grad);
        TrainableField.addL2L1Gradient(t, r, g, penalties.l2Residual(), penalties.l1Residual(), grad);
        TrainableField.addL2L1Gradient(t, g, t.length, penalties.l2Gate(), penalties.l1Gate(), grad);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UniversalOde u && mechanistic.equals(u.mechanistic) && spec.equals(u.spec)
                && Double.compare(tMax, u.tMax) == 0 && gated == u.gated && penalties.equals(u.penalties)
                && Arrays.equals(theta, u.theta);
    }

    @Override
    public int hashCode() {
        return 31 * mechanistic.hashCode() + Arrays.hashCode(theta);
    }

    @Override
    public String toString() {
        return "UniversalOde[" + mechanistic.file() + ", " + spec + ", gate=" + gated + "]";
    }
}

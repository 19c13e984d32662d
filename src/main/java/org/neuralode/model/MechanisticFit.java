package org.neuralode.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.neuralode.InputException;
import org.neuralode.ode.TrainableField;
import org.neuralode.ode.VectorField;

/**
 * A mechanistic model with some of its parameters being fitted: the {@link TrainableField} of
 * {@code model: {kind: mechanistic, file, fit: [...]}}. The trained vector {@code theta} holds one
 * unconstrained value per fitted parameter, in the order of {@code fit}, mapped to the parameter by its
 * {@link ParameterTransform} (log space for a positive parameter, a scaled sigmoid between two bounds); the
 * other parameters keep the model file's values. The strategy's {@code alpha} and {@code l1} do not apply:
 * a penalty would bias the rate constants, so the penalty is zero.
 *
 * <p>An immutable value. It carries the model file's bytes, so that it serialises to Spark executors and
 * into saved models and is rebuilt from them; the parsed model is derived from those bytes on first use.
 */
public final class MechanisticFit implements TrainableField {

    private static final long serialVersionUID = 1L;

    private final byte[] source;
    private final String file;
    private final List<String> fit;
    private final Map<String, Double> constants;
    private final double[] theta;
    private transient Parts parts;

    /** The parsed model and the fitted parameters' places in it. */
    private record Parts(MechanisticModel model, MechanisticField field, int[] index, ParameterTransform[] transforms) {
    }

    private MechanisticFit(byte[] source, String file, List<String> fit, Map<String, Double> constants,
                           double[] theta) {
        this.source = source;
        this.file = file;
        this.fit = fit;
        this.constants = constants;
        this.theta = theta;
    }

    /**
     * The fit's starting point: each fitted parameter at its file's initial value (else its value).
     *
     * @param source    the model file's bytes (Catalax model JSON or this project's YAML, by {@code file}'s
     *                  extension)
     * @param file      the model file's name or location (named in messages)
     * @param fit       the parameters to fit, distinct (none: the model as its file states it)
     * @param constants values of the model's constants
     * @param key       the configuration key these come from, e.g. {@code "conf/x.yaml: model"}
     * @throws InputException naming the key and value: an unknown or repeated parameter in {@code fit}, a
     *                        constant without a value, or a start that is not finite or not inside its bounds
     */
    public static MechanisticFit start(byte[] source, String file, List<String> fit, Map<String, Double> constants,
                                       String key) {
        MechanisticModel model = MechanisticModel.load(source, file);
        if (new HashSet<>(fit).size() != fit.size()) {
            throw new InputException(key + ".fit", "must name distinct parameters of " + file + ", got " + fit);
        }
        for (String c : model.constants()) {
            if (!constants.containsKey(c)) {
                throw new InputException(key + ".constants", "the model's constant '" + c + "' needs a value");
            }
        }
        double[] theta = new double[fit.size()];
        for (int k = 0; k < fit.size(); k++) {
            String name = fit.get(k);
            if (!model.parameters().containsKey(name)) {
                throw new InputException(key + ".fit", "'" + name + "' is not a parameter of " + file + " ("
                        + String.join(", ", model.parameterNames()) + ")");
            }
            double start = startValue(model, name);
            ParameterTransform tr = transform(model, name);
            if (!Double.isFinite(start) || !tr.admits(start)) {
                throw new InputException(file + ": parameters." + name, "the fit starts at " + start
                        + ", which must be finite and inside (" + tr.lower() + ", " + tr.upper() + ")");
            }
            theta[k] = tr.inverse(start);
        }
        MechanisticFit f = new MechanisticFit(source.clone(), file, List.copyOf(fit),
                Collections.unmodifiableMap(new TreeMap<>(constants)), theta);
        f.parts = parts(model, f.fit, f.constants); // the model parsed above, not again
        return f;
    }

    /** Where the fit of parameter {@code name} starts: the file's initial value, else its value. */
    private static double startValue(MechanisticModel model, String name) {
        double initial = model.fitSettings(name).initial();
        return Double.isNaN(initial) ? model.parameters().get(name) : initial;
    }

    /** The transform of parameter {@code name}: its bounds, with positivity judged at its start. */
    private static ParameterTransform transform(MechanisticModel model, String name) {
        return ParameterTransform.of(model.fitSettings(name), startValue(model, name));
    }

    private static Parts parts(MechanisticModel model, List<String> fit, Map<String, Double> constants) {
        List<String> names = model.parameterNames();
        int[] index = new int[fit.size()];
        ParameterTransform[] transforms = new ParameterTransform[fit.size()];
        for (int k = 0; k < index.length; k++) {
            index[k] = names.indexOf(fit.get(k));
            transforms[k] = transform(model, fit.get(k));
        }
        return new Parts(model, model.field(constants), index, transforms);
    }

    private Parts parts() {
        Parts p = parts;
        if (p == null) { // after deserialisation: derived from the bytes; a benign race builds equal values
            p = parts(MechanisticModel.load(source, file), fit, constants);
            parts = p;
        }
        return p;
    }

    /** The mechanistic model (parameter values as in its file). */
    public MechanisticModel model() {
        return parts().model();
    }

    /** The model file's name or location. */
    public String file() {
        return file;
    }

    /** The model file's bytes (a copy). */
    public byte[] source() {
        return source.clone();
    }

    /** The fitted parameters, in {@code theta} order. */
    public List<String> fit() {
        return fit;
    }

    /** The constants' values. */
    public Map<String, Double> constants() {
        return constants;
    }

    @Override
    public List<String> states() {
        return parts().model().species();
    }

    /** The model file's species initial values. */
    @Override
    public Map<String, Double> initialValues() {
        return parts().model().initialValues();
    }

    @Override
    public int numParams() {
        return fit.size();
    }

    @Override
    public double[] theta() {
        return theta.clone();
    }

    @Override
    public MechanisticFit withTheta(double[] newTheta) {
        if (newTheta.length != fit.size()) {
            throw new IllegalArgumentException("expected " + fit.size() + " values, got " + newTheta.length);
        }
        MechanisticFit f = new MechanisticFit(source, file, fit, constants, newTheta.clone());
        f.parts = parts;
        return f;
    }

    /** The fitted parameters' values, in {@code fit} order. */
    @Override
    public Map<String, Double> namedParameters() {
        Parts p = parts();
        Map<String, Double> out = new LinkedHashMap<>();
        for (int k = 0; k < fit.size(); k++) {
            out.put(fit.get(k), p.transforms()[k].apply(theta[k]));
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public VectorField vectorField() {
        return new FitField(parts());
    }

    @Override
    public double penalty(double[] theta, double alpha, double l1) {
        return 0.0;
    }

    @Override
    public void addPenaltyGradient(double[] theta, double alpha, double l1, double[] grad) {
        // no penalty on rate constants
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MechanisticFit m && Arrays.equals(source, m.source) && file.equals(m.file)
                && fit.equals(m.fit) && constants.equals(m.constants) && Arrays.equals(theta, m.theta);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * file.hashCode() + fit.hashCode()) + Arrays.hashCode(theta);
    }

    @Override
    public String toString() {
        return "MechanisticFit[" + file + ", " + namedParameters() + "]";
    }

    /**
     * The model's field with the fitted parameters taken from {@code theta} through their transforms; its
     * vector-Jacobian product chains the model's through {@code dp/du}. Immutable; evaluators own scratch.
     */
    private static final class FitField implements VectorField {
        private final Parts parts;
        private final double[] base;

        FitField(Parts parts) {
            this.parts = parts;
            this.base = parts.model().parameterValues();
        }

        @Override
        public int dim() {
            return parts.field().dim();
        }

        @Override
        public int numParams() {
            return parts.index().length;
        }

        @Override
        public Evaluator newEvaluator() {
            Evaluator inner = parts.field().newEvaluator();
            double[] full = base.clone();
            double[] fullBar = new double[base.length];
            double[] slope = new double[parts.index().length];
            int[] index = parts.index();
            ParameterTransform[] tr = parts.transforms();
            return new Evaluator() {
                private void bind(double[] u) {
                    for (int k = 0; k < index.length; k++) {
                        full[index[k]] = tr[k].apply(u[k]);
                        slope[k] = tr[k].derivative(full[index[k]]);
                    }
                }

                @Override
                public void eval(double t, double[] y, int yOff, double[] u, double[] out, int outOff) {
                    bind(u);
                    inner.eval(t, y, yOff, full, out, outOff);
                }

                @Override
                public void vjp(double t, double[] y, int yOff, double[] u, double[] cot, int cotOff,
                                double[] yBar, int yBarOff, double[] uBar) {
                    bind(u);
                    Arrays.fill(fullBar, 0.0);
                    inner.vjp(t, y, yOff, full, cot, cotOff, yBar, yBarOff, fullBar);
                    for (int k = 0; k < index.length; k++) {
                        uBar[k] += fullBar[index[k]] * slope[k];
                    }
                }
            };
        }
    }
}

package org.neuralode.io.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuralode.InputException;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;

/**
 * Conversions between {@link EqxModel} and {@link NeuralOde} (see those classes). An RBF network
 * (hyperparameter {@code rbf: true}, Catalax's {@code activation=RBFLayer(gamma)}) has no {@code activation}
 * hyperparameter (Catalax cannot name the identity it puts in its place), and after each hidden layer's
 * weight and bias the records of its RBF layer: the centres {@code mu [width]} and {@code gamma} (a 0-d
 * float64, the same in every layer). Stateless.
 */
final class EqxNeuralOdeMapping {

    /** The hyperparameter keys of Catalax's plain {@code NeuralODE}; anything else is another model. */
    private static final Set<String> KNOWN_KEYS = Set.of("activation", "data_size", "depth",
            "final_activation", "observable_indices", "out_size", "rbf", "state_order", "use_final_bias",
            "width_size");
    private static final ObjectMapper JSON = new ObjectMapper();

    private EqxNeuralOdeMapping() {
    }

    static NeuralOde toNeuralOde(EqxModel eqx, String source) {
        ObjectNode h = eqx.hyperparameters();
        checkKeys(h, source);
        if (h.hasNonNull("out_size")) {
            throw new InputException(source, "hyperparameter out_size is " + h.get("out_size")
                    + ": only out_size null (output size = data_size) is supported");
        }
        JsonNode fin = h.get("final_activation");
        if (fin != null && !fin.isNull() && !"identity".equals(fin.asText())) {
            throw new InputException(source, "final_activation is " + fin + ": only \"identity\" is supported");
        }
        int s = intKey(h, "data_size", 1, source);
        int depth = intKey(h, "depth", 0, source);
        int width = intKey(h, "width_size", 1, source);
        boolean finalBias = boolKey(h, "use_final_bias", source);
        boolean rbf = h.has("rbf") && boolKey(h, "rbf", source);
        Activation act = activation(h, rbf, source);
        List<String> states = states(h, s, source);
        checkObservable(h, s, source);
        if (rbf && depth == 0) {
            throw new InputException(source, "hyperparameter rbf is true with depth 0: such a network has no RBF "
                    + "layer, so the file holds no gamma; only RBF networks with depth >= 1 are supported");
        }
        try {
            MlpSpec layout = rbf ? MlpSpec.rbfNetwork(s, width, depth, finalBias, 1.0)
                    : new MlpSpec(s, width, depth, act, finalBias);
            List<Double> gammas = new ArrayList<>();
            double[] theta = theta(eqx.layers(), layout, gammas, source);
            MlpSpec spec = rbf ? MlpSpec.rbfNetwork(s, width, depth, finalBias, gamma(gammas, source)) : layout;
            return new NeuralOde(states, spec, maxTime(eqx.maxTime(), source), theta);
        } catch (IllegalArgumentException e) {
            throw new InputException(source, e.getMessage(), e);
        }
    }

    static EqxModel fromNeuralOde(NeuralOde model, Map<String, ?> extra) {
        MlpSpec spec = model.spec();
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode h = f.objectNode();
        if (spec.rbf() == null) {
            h.put("activation", spec.activation().catalaxName());
        }
        h.put("data_size", spec.stateDim());
        h.put("depth", spec.depth());
        h.put("final_activation", "identity");
        ArrayNode obs = h.putArray("observable_indices");
        for (int i = 0; i < spec.stateDim(); i++) {
            obs.add(i);
        }
        h.putNull("out_size");
        h.put("rbf", spec.rbf() != null);
        ArrayNode states = h.putArray("state_order");
        model.states().forEach(states::add);
        h.put("use_final_bias", spec.useFinalBias());
        h.put("width_size", spec.width());
        ObjectNode header = f.objectNode();
        header.set("hyperparameters", h);
        extra.forEach((k, v) -> header.set(k, JSON.valueToTree(v)));

        double[] theta = model.theta();
        List<NpyArray> layers = new ArrayList<>();
        for (int l = 0; l < spec.numLayers(); l++) {
            layers.add(NpyArray.ofFloat32(spec.weightShape(l), theta, spec.weightOffset(l)));
            if (spec.hasBias(l)) {
                layers.add(NpyArray.ofFloat32(new int[] {spec.out(l)}, theta, spec.biasOffset(l)));
            }
            if (spec.hasCentres(l)) {
                layers.add(NpyArray.ofFloat32(new int[] {spec.out(l)}, theta, spec.centreOffset(l)));
                layers.add(NpyArray.scalarFloat64(spec.rbf().gamma()));
            }
        }
        List<NpyArray> obsRecords = new ArrayList<>();
        for (int i = 0; i < spec.stateDim(); i++) {
            obsRecords.add(NpyArray.scalarInt64(i));
        }
        return new EqxModel(header, layers, NpyArray.scalarFloat32(model.tMax()), obsRecords, EqxLeaves.of(h));
    }

    private static void checkKeys(ObjectNode h, String source) {
        Iterator<String> it = h.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!KNOWN_KEYS.contains(k)) {
                throw new InputException(source, "hyperparameter '" + k + "' is not one of a plain MLP neural "
                        + "ODE " + KNOWN_KEYS.stream().sorted().toList()
                        + ": other Catalax models (RateFlowODE, UniversalODE, ...) are not supported");
            }
        }
    }

    private static int intKey(ObjectNode h, String key, int min, String source) {
        JsonNode v = h.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min) {
            throw new InputException(source, "hyperparameter " + key + " must be an integer >= " + min
                    + ", got " + v);
        }
        return v.intValue();
    }

    private static boolean boolKey(ObjectNode h, String key, String source) {
        JsonNode v = h.get(key);
        if (v == null || !v.isBoolean()) {
            throw new InputException(source, "hyperparameter " + key + " must be true or false, got " + v);
        }
        return v.booleanValue();
    }

    private static Activation activation(ObjectNode h, boolean rbf, String source) {
        JsonNode v = h.get("activation");
        if (rbf) {
            if (v != null && !"identity".equals(v.asText(null))) {
                throw new InputException(source, "hyperparameter activation is " + v + " but rbf is true: an RBF "
                        + "network's RBF layers replace its activation (Catalax writes none)");
            }
            return Activation.IDENTITY;
        }
        if (v == null || !v.isTextual()) {
            throw new InputException(source, "hyperparameter activation must be a name, got " + v
                    + " (a custom activation cannot be loaded)");
        }
        try {
            return Activation.byName(v.textValue());
        } catch (IllegalArgumentException e) {
            throw new InputException(source, "hyperparameter activation: " + e.getMessage(), e);
        }
    }

    private static List<String> states(ObjectNode h, int s, String source) {
        JsonNode v = h.get("state_order");
        List<String> states = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(e -> states.add(e.isTextual() ? e.textValue() : null));
        }
        if (states.size() != s || states.contains(null)) {
            throw new InputException(source, "hyperparameter state_order must list data_size = " + s
                    + " state names, got " + v);
        }
        return states;
    }

    private static void checkObservable(ObjectNode h, int s, String source) {
        JsonNode v = h.get("observable_indices");
        if (v == null) {
            return;
        }
        boolean all = v.isArray() && v.size() == s;
        for (int i = 0; all && i < s; i++) {
            all = v.get(i).isIntegralNumber() && v.get(i).longValue() == i;
        }
        if (!all) {
            throw new InputException(source, "observable_indices " + v + ": only models observing every state "
                    + "in order [0.." + (s - 1) + "] are supported");
        }
    }

    /**
     * The parameters in {@code spec}'s layout from the layer records; the {@code gamma} record after each RBF
     * layer's centres goes to {@code gammas}.
     */
    private static double[] theta(List<NpyArray> layers, MlpSpec spec, List<Double> gammas, String source) {
        long values = layers.stream().filter(a -> a.ndim() > 0).mapToLong(NpyArray::size).sum();
        if (values != spec.numParams()) { // before allocating: the header may claim a huge network
            throw new InputException(source, "the layer arrays hold " + values + " values, but " + spec + " has "
                    + spec.numParams() + " parameters");
        }
        double[] theta = new double[spec.numParams()];
        double[] gamma = new double[1];
        int r = 0;
        for (int l = 0; l < spec.numLayers(); l++) {
            r = copyLayerArray(layers, r, spec.weightShape(l), theta, spec.weightOffset(l), source);
            if (spec.hasBias(l)) {
                r = copyLayerArray(layers, r, new int[] {spec.out(l)}, theta, spec.biasOffset(l), source);
            }
            if (spec.hasCentres(l)) {
                r = copyLayerArray(layers, r, new int[] {spec.out(l)}, theta, spec.centreOffset(l), source);
                r = copyLayerArray(layers, r, new int[0], gamma, 0, source);
                gammas.add(gamma[0]);
            }
        }
        if (r != layers.size()) {
            throw new InputException(source, layers.size() + " layer arrays, but " + spec + " has " + r);
        }
        return theta;
    }

    /** The one gamma of every RBF layer. */
    private static double gamma(List<Double> gammas, String source) {
        if (gammas.stream().distinct().count() != 1) {
            throw new InputException(source, "the RBF layers' gamma records are " + gammas + ": Catalax gives every "
                    + "RBF layer the same gamma");
        }
        return gammas.get(0);
    }

    private static int copyLayerArray(List<NpyArray> layers, int r, int[] shape, double[] theta, int off,
                                      String source) {
        if (r >= layers.size()) {
            throw new InputException(source, "only " + layers.size() + " layer arrays; array " + r
                    + " of shape " + Arrays.toString(shape) + " is missing");
        }
        NpyArray a = layers.get(r);
        if (!a.dtype().isFloat() || !a.hasShape(shape)) {
            throw new InputException(source, "layer array " + r + " is " + a + ", expected float "
                    + Arrays.toString(shape));
        }
        System.arraycopy(a.toDoubles(), 0, theta, off, a.size());
        return r + 1;
    }

    private static double maxTime(NpyArray a, String source) {
        double t = a.ndim() == 0 && a.dtype().isFloat() ? a.getDouble(0) : Double.NaN;
        if (!(t > 0) || !Double.isFinite(t)) {
            throw new InputException(source, "max_time must be a finite float > 0, got " + a
                    + (a.ndim() == 0 ? " = " + a.getDouble(0) : ""));
        }
        return t;
    }
}

package org.neuralode.io.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.neuralode.InputException;
import org.neuralode.hybrid.UniversalOde;
import org.neuralode.hybrid.UodePenalties;
import org.neuralode.model.MechanisticFit;
import org.neuralode.nn.MlpSpec;

/**
 * This project's format for a universal ODE: the {@link ModelDirectory} layout whose header holds the
 * mechanistic keys of {@link MechanisticFitCodec} (model source, fit, constants, fitted values), the network
 * keys of {@link NeuralOdeCodec} (width, depth, activation, rbf, use_final_bias, t_max, layers), {@code gate}
 * and {@code penalties}; the parameters file holds the whole {@code theta} in {@link UniversalOde}'s layout.
 * Stateless and thread-safe.
 */
public final class UniversalOdeCodec {

    /** The {@code format} value. */
    public static final String FORMAT = "neuralode-spark.universal-ode";
    /** The {@code format_version} this code writes and the newest it reads. */
    public static final int VERSION = 1;

    private UniversalOdeCodec() {
    }

    /** The header JSON (UTF-8) for {@code model}, with {@code extra} under the key {@code "extra"}. */
    public static byte[] header(UniversalOde model, Map<String, ?> extra) {
        ObjectNode h = ModelDirectory.newHeader(FORMAT, VERSION);
        MechanisticFitCodec.putMechanistic(h, model.mechanistic());
        NeuralOdeCodec.putMlp(h, model.spec(), model.tMax());
        h.put("gate", model.gated());
        UodePenalties p = model.penalties();
        ObjectNode pen = h.putObject("penalties");
        pen.put("l2_gate", p.l2Gate());
        pen.put("l1_gate", p.l1Gate());
        pen.put("l2_residual", p.l2Residual());
        pen.put("l1_residual", p.l1Residual());
        return ModelDirectory.finish(h, model.theta(), extra);
    }

    /**
     * Rebuilds the model from its header and parameters.
     *
     * @param source the model directory (or its header's path), named in messages
     * @throws InputException naming the header or params file and the offending value
     */
    public static UniversalOde decode(byte[] header, byte[] params, String source) {
        source = ModelDirectory.directoryOf(source);
        JsonNode h = ModelDirectory.header(header, source, FORMAT, VERSION);
        String where = source + ": " + ModelDirectory.HEADER_FILE;
        MechanisticFit mech = MechanisticFitCodec.readMechanistic(h, where);
        MlpSpec spec = NeuralOdeCodec.readMlp(h, mech.states().size(), where);
        if (!NeuralOdeCodec.layersMatch(h, spec)) {
            throw new InputException(where, "layers " + h.get("layers") + " do not match the network " + spec);
        }
        JsonNode gate = h.get("gate");
        JsonNode p = h.path("penalties");
        if (gate == null || !gate.isBoolean() || !p.isObject()) {
            throw new InputException(where, "gate must be true or false and penalties an object");
        }
        try {
            UodePenalties penalties = new UodePenalties(p.path("l2_gate").asDouble(), p.path("l1_gate").asDouble(),
                    p.path("l2_residual").asDouble(), p.path("l1_residual").asDouble());
            double[] theta = ModelDirectory.theta(h, params, ModelDirectory.intField(h, "n_params", where), source);
            return new UniversalOde(mech, spec, NeuralOdeCodec.readTimeScale(h, where), gate.booleanValue(),
                    penalties, theta);
        } catch (IllegalArgumentException e) {
            throw new InputException(where, e.getMessage(), e);
        }
    }
}

package org.neuralode.io.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.neuralode.InputException;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;

/**
 * The content of a Catalax {@code .eqx} file (Catalax's saved models), as {@link EqxCodec} reads and writes
 * it: the first-line JSON object and the NumPy records in file order, split by role. An immutable value:
 * JSON nodes are deep-copied in and out.
 *
 * <p>Record order in the file (equinox's {@code tree_serialise_leaves} of Catalax's {@code NeuralODE}):
 * the MLP's layers (per Linear layer the weight {@code [out][in]} then the bias if present; in an RBF network
 * each hidden layer's RBF layer follows it: centres {@code mu [width]}, then {@code gamma}, 0-d), the MLP's
 * {@code max_time} (0-d), each entry of the model's {@code observable_indices} (0-d ints), then the
 * numeric leaves of the {@code hyperparameters} dict in sorted key order (ints, floats and bools; lists
 * element by element; strings and nulls have no record): for a plain neural ODE {@code data_size},
 * {@code depth}, each observable index, {@code rbf}, {@code use_final_bias}, {@code width_size}.
 *
 * @param header                the first line, {@code {"hyperparameters": {...}, ...}} (Catalax milestones
 *                              add top-level keys such as {@code "strategy"}), keys in file order
 * @param layers                the layer arrays before {@code max_time}, in file order
 * @param maxTime               the 0-d {@code max_time} (float32 in trained Catalax models)
 * @param observableIndices     the model's observable indices, one 0-d int record each
 * @param hyperparameterRecords the trailing records of the hyperparameters' numeric leaves
 */
public record EqxModel(ObjectNode header, List<NpyArray> layers, NpyArray maxTime,
                       List<NpyArray> observableIndices, List<NpyArray> hyperparameterRecords) {

    /** Copies. @throws IllegalArgumentException when the header has no {@code hyperparameters} object */
    public EqxModel {
        header = Objects.requireNonNull(header, "header").deepCopy();
        if (!header.path("hyperparameters").isObject()) {
            throw new IllegalArgumentException("header has no \"hyperparameters\" object: " + header);
        }
        layers = List.copyOf(layers);
        Objects.requireNonNull(maxTime, "maxTime");
        observableIndices = List.copyOf(observableIndices);
        hyperparameterRecords = List.copyOf(hyperparameterRecords);
    }

    /** A copy of the first-line JSON object. */
    @Override
    public ObjectNode header() {
        return header.deepCopy();
    }

    /** A copy of the {@code hyperparameters} object, keys in file order. */
    public ObjectNode hyperparameters() {
        return (ObjectNode) header.get("hyperparameters").deepCopy();
    }

    /** A copy of one top-level header entry other than the hyperparameters (e.g. "strategy"), or null. */
    public JsonNode headerEntry(String key) {
        JsonNode v = header.get(key);
        return v == null ? null : v.deepCopy();
    }

    /**
     * The MLP neural ODE this file holds (float32 parameters widened exactly to double; states from
     * {@code state_order}; {@code tMax} from {@code max_time}). An RBF network ({@code rbf: true}) becomes an
     * {@link MlpSpec#rbf() RBF spec} with the layers' common gamma; it needs depth &gt;= 1 (with depth 0 the
     * file holds no gamma).
     *
     * @param source names the file in messages
     * @throws InputException for anything but a plain or RBF MLP neural ODE: an unknown or custom
     *                        activation, a final activation other than identity, an {@code out_size},
     *                        unknown hyperparameters (RateFlow and universal ODE models), unobserved states,
     *                        or arrays that do not fit the architecture
     */
    public NeuralOde toNeuralOde(String source) {
        return EqxNeuralOdeMapping.toNeuralOde(this, source);
    }

    /** {@link #toNeuralOde(String)} with the source {@code "eqx model"}. */
    public NeuralOde toNeuralOde() {
        return toNeuralOde("eqx model");
    }

    /**
     * What Catalax writes for this model: hyperparameters {@code activation, data_size, depth,
     * final_activation ("identity"), observable_indices [0..S-1], out_size (null), rbf (false),
     * state_order, use_final_bias, width_size} in that (sorted) order, float32 layers (theta rounded to
     * nearest), float32 {@code max_time}, int64 observable indices and hyperparameter records. An RBF network
     * has no {@code activation}, {@code rbf} true, and after each hidden layer its float32 centres and its
     * float64 {@code gamma}.
     */
    public static EqxModel fromNeuralOde(NeuralOde model) {
        return fromNeuralOde(model, Map.of());
    }

    /**
     * As {@link #fromNeuralOde(NeuralOde)}, with extra top-level header entries after
     * {@code "hyperparameters"} in the map's iteration order (Catalax milestones add {@code "strategy"}).
     * Values are converted with Jackson; a numeric value inside them is written as JSON only.
     */
    public static EqxModel fromNeuralOde(NeuralOde model, Map<String, ?> extra) {
        return EqxNeuralOdeMapping.fromNeuralOde(model, extra);
    }
}

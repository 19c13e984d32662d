package org.neuralode.io;

import java.util.Map;
import org.neuralode.io.model.EqxCodec;
import org.neuralode.io.model.EqxModel;
import org.neuralode.io.model.NeuralOdeCodec;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.TrainableField;

/**
 * Saves and loads models by location. A model directory holds {@code model.json} (header) and
 * {@code params.bin} (raw little-endian float64); a {@code .eqx} file is Catalax's format.
 */
public final class ModelFiles {

    private ModelFiles() {
    }

    /**
     * Writes {@code model} into directory {@code dir} (parameters first, header last, each atomically).
     *
     * @throws IllegalArgumentException for a kind of model that has no file format yet
     */
    public static void save(TrainableField model, String dir, Map<String, Object> extra) {
        NeuralOde ode = neural(model);
        Storage.writeAtomically(Storage.resolve(dir, NeuralOdeCodec.PARAMS_FILE), NeuralOdeCodec.params(ode));
        Storage.writeAtomically(Storage.resolve(dir, NeuralOdeCodec.HEADER_FILE), NeuralOdeCodec.header(ode, extra));
    }

    /** Writes {@code model} as a Catalax {@code .eqx} file. @throws IllegalArgumentException as {@link #save} */
    public static void saveEqx(TrainableField model, String file) {
        Storage.writeAtomically(file, EqxCodec.write(EqxModel.fromNeuralOde(neural(model))));
    }

    private static NeuralOde neural(TrainableField model) {
        if (model instanceof NeuralOde ode) {
            return ode;
        }
        throw new IllegalArgumentException("no model file format for " + model.getClass().getSimpleName());
    }

    /** Loads a model directory, its {@code model.json}, or a Catalax {@code .eqx} file. */
    public static NeuralOde load(String location) {
        if (location.endsWith(".eqx")) {
            return EqxCodec.read(Storage.read(location), location).toNeuralOde(location);
        }
        String dir = location.endsWith(NeuralOdeCodec.HEADER_FILE)
                ? location.substring(0, location.length() - NeuralOdeCodec.HEADER_FILE.length()) : location;
        String header = Storage.resolve(dir, NeuralOdeCodec.HEADER_FILE);
        return NeuralOdeCodec.decode(Storage.read(header), Storage.read(Storage.resolve(dir, NeuralOdeCodec.PARAMS_FILE)), header);
    }
}

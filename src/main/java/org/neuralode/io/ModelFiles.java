package org.neuralode.io;

import java.util.Map;
import org.neuralode.io.model.EqxCodec;
import org.neuralode.io.model.EqxModel;
import org.neuralode.io.model.NeuralOdeCodec;
import org.neuralode.nn.NeuralOde;

/**
 * Saves and loads neural ODEs by location. A model directory holds {@code model.json} (header) and
 * {@code params.bin} (raw little-endian float64); a {@code .eqx} file is Catalax's format.
 */
public final class ModelFiles {

    private ModelFiles() {
    }

    /** Writes {@code model} into directory {@code dir} (parameters first, header last, each atomically). */
    public static void save(NeuralOde model, String dir, Map<String, Object> extra) {
        Storage.writeAtomically(Storage.resolve(dir, NeuralOdeCodec.PARAMS_FILE), NeuralOdeCodec.params(model));
        Storage.writeAtomically(Storage.resolve(dir, NeuralOdeCodec.HEADER_FILE), NeuralOdeCodec.header(model, extra));
    }

    /** Writes {@code model} as a Catalax {@code .eqx} file. */
    public static void saveEqx(NeuralOde model, String file) {
        Storage.writeAtomically(file, EqxCodec.write(EqxModel.fromNeuralOde(model)));
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

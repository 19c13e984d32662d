package org.neuralode.io;

import java.util.Arrays;
import java.util.Map;
import org.neuralode.InputException;
import org.neuralode.data.Hashes;
import org.neuralode.hybrid.UniversalOde;
import org.neuralode.io.model.EqxCodec;
import org.neuralode.io.model.EqxModel;
import org.neuralode.io.model.MechanisticFitCodec;
import org.neuralode.io.model.ModelDirectory;
import org.neuralode.io.model.NeuralOdeCodec;
import org.neuralode.io.model.UniversalOdeCodec;
import org.neuralode.model.MechanisticFit;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.TrainableField;

/**
 * Saves and loads models by location. A model directory holds {@code model.json} (header, whose
 * {@code format} names the kind: a neural ODE, a fitted mechanistic model or a universal ODE) and {@code params.bin} (raw
 * little-endian float64); a {@code .eqx} file is Catalax's format for neural ODEs. An ensemble's directory
 * ({@link EnsembleManifest}) holds member model directories instead; {@code org.neuralode.workflow.Ensemble}
 * loads it.
 */
public final class ModelFiles {

    private ModelFiles() {
    }

    /**
     * Writes {@code model} into directory {@code dir} (parameters first, header last, each atomically).
     *
     * @throws IllegalArgumentException for a kind of model that has no file format
     */
    public static void save(TrainableField model, String dir, Map<String, Object> extra) {
        byte[] header;
        if (model instanceof NeuralOde ode) {
            header = NeuralOdeCodec.header(ode, extra);
        } else if (model instanceof MechanisticFit fit) {
            header = MechanisticFitCodec.header(fit, extra);
        } else if (model instanceof UniversalOde uode) {
            header = UniversalOdeCodec.header(uode, extra);
        } else {
            throw new IllegalArgumentException("no model file format for " + model.getClass().getSimpleName());
        }
        Storage.delete(Storage.resolve(dir, EnsembleManifest.FILE)); // an ensemble's manifest a previous run left
        Storage.writeAtomically(Storage.resolve(dir, ModelDirectory.PARAMS_FILE), ModelDirectory.params(model.theta()));
        Storage.writeAtomically(Storage.resolve(dir, ModelDirectory.HEADER_FILE), header);
    }

    /**
     * Writes {@code model} as a Catalax {@code .eqx} file.
     *
     * @throws InputException when the model is not a neural ODE (the only kind {@code .eqx} holds here)
     */
    public static void saveEqx(TrainableField model, String file) {
        saveEqx(model, file, Map.of());
    }

    /**
     * As {@link #saveEqx(TrainableField, String)}, with extra top-level header entries after
     * {@code "hyperparameters"} (a Catalax milestone's {@code "strategy"}).
     */
    public static void saveEqx(TrainableField model, String file, Map<String, ?> extra) {
        if (!(model instanceof NeuralOde ode)) {
            throw new InputException(file, "only neural ODEs can be written as Catalax .eqx files");
        }
        Storage.writeAtomically(file, EqxCodec.write(EqxModel.fromNeuralOde(ode, extra)));
    }

    /**
     * Loads a model directory, its {@code model.json}, or a Catalax {@code .eqx} file.
     *
     * @throws InputException for an ensemble directory ({@link EnsembleManifest}), naming its first member
     */
    public static TrainableField load(String location) {
        if (location.endsWith(".eqx")) {
            return EqxCodec.read(Storage.read(location), location).toNeuralOde(location);
        }
        if (EnsembleManifest.isEnsemble(location)) {
            EnsembleManifest e = EnsembleManifest.read(location);
            throw new InputException(location, "is an ensemble of " + e.members().size() + " members ("
                    + EnsembleManifest.FILE + "); this takes one model, e.g. its member " + e.memberLocation(location, 0));
        }
        String dir = directory(location);
        String headerFile = Storage.resolve(dir, ModelDirectory.HEADER_FILE);
        byte[] header = Storage.read(headerFile);
        byte[] params = Storage.read(Storage.resolve(dir, ModelDirectory.PARAMS_FILE));
        String format = ModelDirectory.format(header, headerFile);
        if (MechanisticFitCodec.FORMAT.equals(format)) {
            return MechanisticFitCodec.decode(header, params, headerFile);
        }
        if (UniversalOdeCodec.FORMAT.equals(format)) {
            return UniversalOdeCodec.decode(header, params, headerFile);
        }
        return NeuralOdeCodec.decode(header, params, headerFile);
    }

    /**
     * SHA-256 of the bytes {@link #load} reads at {@code location} (for provenance): the {@code .eqx} file, or a
     * model directory's {@code model.json} followed by its {@code params.bin}.
     */
    public static String sha256(String location) {
        if (location.endsWith(".eqx")) {
            return Hashes.sha256(Storage.read(location));
        }
        String dir = directory(location);
        byte[] header = Storage.read(Storage.resolve(dir, ModelDirectory.HEADER_FILE));
        byte[] params = Storage.read(Storage.resolve(dir, ModelDirectory.PARAMS_FILE));
        byte[] both = Arrays.copyOf(header, header.length + params.length);
        System.arraycopy(params, 0, both, header.length, params.length);
        return Hashes.sha256(both);
    }

    /** The model directory of a location naming it or its {@code model.json}. */
    private static String directory(String location) {
        return location.endsWith(ModelDirectory.HEADER_FILE)
                ? location.substring(0, location.length() - ModelDirectory.HEADER_FILE.length()) : location;
    }
}

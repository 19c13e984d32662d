package org.neuralode.workflow;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.neuralode.InputException;
import org.neuralode.config.JobConfig;
import org.neuralode.hybrid.UniversalOde;
import org.neuralode.hybrid.UodePenalties;
import org.neuralode.io.Storage;
import org.neuralode.model.MechanisticFit;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.TrainableField;

/**
 * The saved model a {@code train --init} run starts from (fine-tuning), held to the run's configuration: the
 * same kind and species; for a network (neural, or a universal model's correction) the same width, depth,
 * {@code rbf}, activation and {@code use_final_bias}; for a rate law (mechanistic or universal) the same model
 * file text, {@code fit} and constants; for a universal model the same {@code gate}. The seed and
 * {@code weight_scale} only shape a fresh start and are not compared; a universal model takes the
 * configuration's penalties.
 */
final class InitialModel {

    private final String path;
    private final JobConfig.ModelConfig config;
    private final String configSource;

    private InitialModel(String path, JobConfig.ModelConfig config, String configSource) {
        this.path = path;
        this.config = config;
        this.configSource = configSource;
    }

    /**
     * {@code model} (loaded from {@code path}) as the start of a run configured by {@code config}.
     *
     * @param states    the dataset's states
     * @param penalties the configured penalties of a universal model
     * @throws InputException naming the key and both values at the first mismatch
     */
    static TrainableField check(TrainableField model, String path, JobConfig.ModelConfig config,
                                List<String> states, UodePenalties penalties, String configSource) {
        InitialModel init = new InitialModel(path, config, configSource);
        if (!kind(model).equals(config.kind())) {
            throw new InputException("--init " + path, "is a " + kind(model) + " model but " + configSource
                    + " has model.kind " + config.kind());
        }
        if (!model.states().equals(states)) {
            throw new InputException("--init " + path, "has species " + model.states()
                    + " but the dataset has states " + states);
        }
        if (model instanceof NeuralOde ode) {
            init.requireNetwork(ode.spec());
            return ode;
        }
        if (model instanceof MechanisticFit fit) {
            init.requireRateLaw(fit);
            return fit;
        }
        UniversalOde uode = (UniversalOde) model;
        init.requireRateLaw(uode.mechanistic());
        init.requireNetwork(uode.spec());
        init.require("model.gate", config.gate(), uode.gated());
        return new UniversalOde(uode.mechanistic(), uode.spec(), uode.tMax(), uode.gated(), penalties, uode.theta());
    }

    private static String kind(TrainableField model) {
        return model instanceof NeuralOde ? JobConfig.NEURAL
                : model instanceof MechanisticFit ? JobConfig.MECHANISTIC : JobConfig.UNIVERSAL;
    }

    private void requireNetwork(MlpSpec spec) {
        MlpSpec configured = config.mlpSpec(spec.stateDim());
        require("model.width", config.width(), spec.width());
        require("model.depth", config.depth(), spec.depth());
        require("model.rbf", configured.rbf(), spec.rbf());
        require("model.activation", configured.activation().catalaxName(), spec.activation().catalaxName());
        require("model.use_final_bias", config.useFinalBias(), spec.useFinalBias());
    }

    private void requireRateLaw(MechanisticFit fit) {
        if (!Arrays.equals(Storage.read(config.file()), fit.source())) {
            throw new InputException(configSource + ": model.file", config.file() + " is not the model file the "
                    + "initial model " + path + " was made from (" + fit.file() + ", whose text it holds)");
        }
        require("model.fit", config.fit(), fit.fit());
        require("model.constants", config.constants(), fit.constants());
    }

    private void require(String key, Object configured, Object saved) {
        if (!Objects.equals(configured, saved)) {
            throw new InputException(configSource + ": " + key, configured + ", but the initial model " + path
                    + " has " + saved);
        }
    }
}

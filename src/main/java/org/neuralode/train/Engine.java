package org.neuralode.train;

import java.util.Locale;
import org.neuralode.nn.NeuralOde;
import org.neuralode.nn.batch.EngineChoice;
import org.neuralode.nn.batch.Nd4jBatchField;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.TrainableField;

/**
 * Which numerical engine computes the training loss and gradient ({@code engine:} in the config). All
 * engines compute the same function ({@code EngineAgreementTest}).
 */
public enum Engine {
    /** {@link EngineChoice#choose}'s measured rule on (rows per call, width, depth): JVM for this project's usual networks. */
    AUTO,
    /** The fused per-trajectory JVM kernel ({@link LossEvaluator}): fastest for small networks. */
    JVM,
    /** ND4J (BLAS, or CUDA with the cuda profile) on all of a batch's rows at once ({@link BatchLossEvaluator}). */
    ND4J;

    /** The engine named {@code auto}, {@code jvm} or {@code nd4j} (any case). */
    public static Engine byName(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown engine '" + name + "': use auto, jvm or nd4j");
        }
    }

    /**
     * The engine this one stands for with {@code rows} trajectories per call on {@code model}: ND4J only
     * serves neural ODEs (their layer products); any other model runs on the JVM engine.
     */
    public Engine resolve(TrainableField model, int rows) {
        if (!(model instanceof NeuralOde ode)) {
            return JVM;
        }
        if (this != AUTO) {
            return this;
        }
        return EngineChoice.choose(rows, ode.spec().width(), ode.spec().depth()) == EngineChoice.ND4J ? ND4J : JVM;
    }

    /**
     * A loss function for {@code model}'s architecture; {@code rows} is the largest number of trajectories
     * evaluated together (the batch size; monitoring runs in chunks of it).
     */
    public LossFunction create(TrainableField model, SolverOptions solver, int rows) {
        if (resolve(model, rows) == ND4J) {
            NeuralOde ode = (NeuralOde) model;
            return new BatchLossEvaluator(model, new Nd4jBatchField(ode.spec(), ode.tMax(), Math.max(1, rows)),
                    solver);
        }
        return new LossEvaluator(model, solver);
    }
}

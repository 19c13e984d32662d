package org.neuralode.workflow;

import java.util.Map;
import org.neuralode.eval.MetricSet;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.TrainableField;
import org.neuralode.train.Strategy;
import org.neuralode.train.TrainResult;
import org.neuralode.train.Trainer;
import org.neuralode.train.TrainingListener;
import org.neuralode.train.Predictor;

/**
 * Where a {@link TrainJob}'s optimisation and its training-set metrics run: on this JVM
 * ({@link #local}) or distributed (the Spark parameter-averaging backend), which never needs the
 * augmented training set on the driver.
 */
public interface TrainingBackend {

    /** Trains {@code initial} through {@code strategy} on {@code data}'s (augmented) training side. */
    TrainResult train(TrainableField initial, TrainJob.Data data, Strategy strategy, TrainingListener listener);

    /** Metrics of {@code model} on the (augmented) training side. */
    MetricSet trainMetrics(TrainableField model, TrainJob.Data data);

    /** The heap one training task may use: this JVM's, unless the backend trains elsewhere. */
    default MemoryBudget memoryBudget() {
        return MemoryBudget.heap(1);
    }

    /**
     * What the last {@link #train} call decided and measured that {@code run.json} should record (e.g. the
     * partitions and averaging frequencies of a distributed run); empty when nothing.
     */
    default Map<String, Object> describe() {
        return Map.of();
    }

    /** The measurements one training task holds: the augmented training side and the validation side. */
    default long measurementsPerTask(TrainJob.Data data) {
        return data.measurements();
    }

    /** Single-threaded training on this JVM with {@code trainer}; metrics solved with {@code solver}. */
    static TrainingBackend local(Trainer trainer, SolverOptions solver) {
        return new TrainingBackend() {
            @Override
            public TrainResult train(TrainableField initial, TrainJob.Data data, Strategy strategy,
                                     TrainingListener listener) {
                return trainer.train(initial, data.train(), data.validation(), strategy, listener);
            }

            @Override
            public MetricSet trainMetrics(TrainableField model, TrainJob.Data data) {
                return new Predictor(model, solver).metrics(data.train());
            }
        };
    }
}

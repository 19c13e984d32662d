package org.neuralode.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuralode.data.Augmenter;
import org.neuralode.data.Dataset;
import org.neuralode.data.Splits;
import org.neuralode.eval.MetricSet;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.SolverOptions;
import org.neuralode.train.Engine;
import org.neuralode.train.Phase;
import org.neuralode.train.Predictor;
import org.neuralode.train.Strategy;
import org.neuralode.train.TrainResult;
import org.neuralode.train.Trainer;
import org.neuralode.train.TrainingListener;
import org.neuralode.train.TrajectorySet;
import org.neuralode.workflow.Workflow;

/**
 * Trains the two reference recipes of issue 4 on Catalax's reference dataset (96 training measurements x
 * 11 after augmentation, 24 validation) and measures the training loop only: seconds, gradient steps per
 * second, solver steps per trajectory, vector-field evaluations, heap bytes allocated per step, and the
 * final train/validation MAE. Monitoring runs only at each phase's first and last step, outside the
 * timed and allocation-counted steps. A separate {@link FieldProfile} pass with the trained model (the last
 * phase's settings) then gives field evaluations and vjps per step and the share of time in the field.
 */
public final class TrainingBench {

    /** A recipe: the MLP and the phases (lr, steps, length, alpha), batch 20, augmentation 10 x 0.01. */
    public record Recipe(String name, int width, int depth, String activation, double weightScale,
                         List<Phase> phases) {

        /** Catalax's notebook: width 4, depth 2, celu, 3 x 1000 steps. */
        public static Recipe notebook() {
            return new Recipe("notebook", 4, 2, "celu", 1e-6, List.of(
                    new Phase(1e-3, 1000, 20, 0.15, 1e-5, 0), new Phase(1e-3, 1000, 20, 1.0, 1e-5, 0),
                    new Phase(1e-4, 1000, 20, 1.0, 1e-5, 0)));
        }

        /** The seed text's recipe: width 16, depth 1, selu, 1000 + 2000 + 3000 steps. */
        public static Recipe seed() {
            return new Recipe("seed", 16, 1, "selu", 1e-3, List.of(
                    new Phase(1e-3, 1000, 20, 0.1, 0.1, 0), new Phase(1e-3, 2000, 20, 1.0, 0.01, 0),
                    new Phase(1e-4, 3000, 20, 1.0, 0.01, 0)));
        }
    }

    /** Gradient evaluations of the {@link FieldProfile} pass. */
    public static final int PROFILE_STEPS = 300;

    /** One recipe's figures; {@code profile} is the separate field-profile pass's. */
    public record Result(String recipe, String saveAt, double trainSeconds, double stepsPerSecond,
                         double meanAcceptedSteps, double meanRejectedSteps, long fieldEvaluations,
                         FieldProfile profile, double bytesPerStep, double trainMae, double validationMae) {

        /** The figures as a JSON-ready map. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("recipe", recipe);
            m.put("saveat", saveAt);
            m.put("train_seconds", trainSeconds);
            m.put("steps_per_second", stepsPerSecond);
            m.put("mean_accepted_steps_per_trajectory", meanAcceptedSteps);
            m.put("mean_rejected_steps_per_trajectory", meanRejectedSteps);
            m.put("field_evaluations", fieldEvaluations);
            m.put("profile_field_evaluations_per_step", profile.evaluationsPerStep());
            m.put("profile_vjp_evaluations_per_step", profile.vjpsPerStep());
            m.put("profile_field_time_share", profile.fieldShare());
            m.put("bytes_allocated_per_step", bytesPerStep);
            m.put("train_mae", trainMae);
            m.put("validation_mae", validationMae);
            return m;
        }
    }

    private TrainingBench() {
    }

    /** Trains {@code recipe} on {@code data} (the reference dataset) with {@code engine} and output mode. */
    public static Result run(Recipe recipe, Dataset data, Engine engine, SolverOptions.SaveAt saveAt) {
        Splits.Split split = Splits.trainTestSplit(data, 0.2, 0);
        Dataset train = Augmenter.augment(split.train(), 10, 0.01, 42, false);
        MlpSpec spec = new MlpSpec(train.states().size(), recipe.width(), recipe.depth(),
                Activation.byName(recipe.activation()));
        NeuralOde initial = NeuralOde.initialise(train.states(), spec, Workflow.maxTime(train), recipe.weightScale(), 0);
        Strategy strategy = new Strategy(recipe.phases());
        SolverOptions solver = SolverOptions.defaults().withSaveAt(saveAt);
        StepAllocation alloc = new StepAllocation(recipe.phases());
        TrainResult r = new Trainer(solver, Integer.MAX_VALUE, 420, 10, engine, () -> false)
                .train(initial, train, split.test(), strategy, alloc);
        Predictor p = new Predictor(r.model(), solver);
        MetricSet tr = p.metrics(train);
        MetricSet va = p.metrics(split.test());
        long attempts = r.solverSteps() + r.rejectedSteps();
        int stages = solver.tableau().stages();
        // Tsit5 is FSAL: a solve evaluates the field once at its start and stages-1 times per attempt
        long evals = r.trajectories() + (stages - 1) * attempts;
        int steps = strategy.totalSteps();
        FieldProfile profile = FieldProfile.run(r.model(), TrajectorySet.of(train, train.states()), solver,
                recipe.phases().get(recipe.phases().size() - 1), PROFILE_STEPS);
        return new Result(recipe.name(), saveAt.name().toLowerCase(java.util.Locale.ROOT), r.trainSeconds(),
                steps / r.trainSeconds(), (double) r.solverSteps() / r.trajectories(),
                (double) r.rejectedSteps() / r.trajectories(), evals, profile, alloc.bytesPerStep(), tr.mae(),
                va.mae());
    }

    /**
     * Heap bytes this thread allocates per optimiser step, counted from the end of each phase's second
     * step to the end of its last step, so the monitoring at a phase's first and last step and the
     * one-time set-up are excluded.
     */
    private static final class StepAllocation implements TrainingListener {
        private final List<Phase> phases;
        private long from;
        private long bytes;
        private long steps;

        StepAllocation(List<Phase> phases) {
            this.phases = phases;
        }

        @Override
        public void stepFinished(int phase, int step, boolean skipped) {
            int last = phases.get(phase - 1).steps() - 1;
            if (step == 1) {
                from = Allocation.allocatedBytes();
            } else if (step == last && last > 1) {
                bytes += Allocation.allocatedBytes() - from;
                steps += last - 1;
            }
        }

        double bytesPerStep() {
            return steps == 0 ? Double.NaN : (double) bytes / steps;
        }
    }
}

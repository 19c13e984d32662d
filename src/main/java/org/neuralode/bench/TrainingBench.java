package org.neuralode.bench;

import java.util.ArrayList;
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
import org.neuralode.workflow.Workflow;

/**
 * Trains the two reference recipes of issue 4 on Catalax's reference dataset (96 training measurements x
 * 11 after augmentation, 24 validation) and measures the training loop only: seconds, gradient steps per
 * second, solver steps per trajectory, vector-field evaluations, heap bytes allocated per step, and the
 * final train/validation MAE. Monitoring runs only at each phase's first and last step, outside the
 * timed and allocation-counted steps.
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

    /** One recipe's figures. */
    public record Result(String recipe, double trainSeconds, double stepsPerSecond, double meanAcceptedSteps,
                         double meanRejectedSteps, long fieldEvaluations, long vjpEvaluations,
                         double bytesPerStep, double trainMae, double validationMae) {

        /** The figures as a JSON-ready map. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("recipe", recipe);
            m.put("train_seconds", trainSeconds);
            m.put("steps_per_second", stepsPerSecond);
            m.put("mean_accepted_steps_per_trajectory", meanAcceptedSteps);
            m.put("mean_rejected_steps_per_trajectory", meanRejectedSteps);
            m.put("field_evaluations", fieldEvaluations);
            m.put("vjp_evaluations", vjpEvaluations);
            m.put("bytes_allocated_per_step", bytesPerStep);
            m.put("train_mae", trainMae);
            m.put("validation_mae", validationMae);
            return m;
        }
    }

    private TrainingBench() {
    }

    /** Trains {@code recipe} on {@code data} (the reference dataset) with {@code engine}. */
    public static Result run(Recipe recipe, Dataset data, Engine engine) {
        Splits.Split split = Splits.trainTestSplit(data, 0.2, 0);
        Dataset train = Augmenter.augment(split.train(), 10, 0.01, 42, false);
        MlpSpec spec = new MlpSpec(train.states().size(), recipe.width(), recipe.depth(),
                Activation.byName(recipe.activation()));
        NeuralOde initial = NeuralOde.initialise(train.states(), spec, Workflow.maxTime(train), recipe.weightScale(), 0);
        Strategy strategy = new Strategy(recipe.phases());
        SolverOptions solver = SolverOptions.defaults();
        StepAllocation alloc = new StepAllocation(recipe.phases());
        TrainResult r = new Trainer(solver, Integer.MAX_VALUE, 420, 10, engine, () -> false)
                .train(initial, train, split.test(), strategy, alloc);
        Predictor p = new Predictor(r.model(), solver);
        MetricSet tr = p.metrics(train);
        MetricSet va = p.metrics(split.test());
        long attempts = r.solverSteps() + r.rejectedSteps();
        int stages = solver.tableau().stages();
        // Tsit5 is FSAL: a solve evaluates the field once at its start and stages-1 times per attempt;
        // the reverse sweep calls the vjp for every stage with a non-zero weight (stages-1 for Tsit5).
        long evals = r.trajectories() + (stages - 1) * attempts;
        long vjps = (stages - 1) * r.solverSteps();
        int steps = strategy.totalSteps();
        return new Result(recipe.name(), r.trainSeconds(), steps / r.trainSeconds(),
                (double) r.solverSteps() / r.trajectories(), (double) r.rejectedSteps() / r.trajectories(),
                evals, vjps, alloc.bytesPerStep(), tr.mae(), va.mae());
    }

    /** Runs both recipes. */
    public static List<Result> runAll(Dataset data, Engine engine) {
        List<Result> out = new ArrayList<>();
        for (Recipe recipe : List.of(Recipe.notebook(), Recipe.seed())) {
            out.add(run(recipe, data, engine));
        }
        return out;
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

package org.neuralode.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.neuralode.InputException;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpSpec;

/**
 * A whole job: data, model, solver, strategy and training settings. Bound from YAML by
 * {@link ConfigLoader}; defaults come from {@code defaults.yaml}. The cv-only keys ({@code sweep},
 * {@code refit}: train the best grid point on all the data afterwards) are top-level and ignored by
 * {@code train}; {@code ensemble} gives the members of every cv (grid point, fold) and of a {@code train}
 * ensemble.
 */
public record JobConfig(DatasetConfig dataset, ModelConfig model, SolverConfig solver,
                        List<PhaseConfig> strategy, TrainingConfig training,
                        Map<String, List<Object>> sweep, EnsembleConfig ensemble, boolean refit,
                        ParallelConfig parallel, String engine) {

    /** {@code model.kind} of a neural ODE. */
    public static final String NEURAL = "neural";
    /** {@code model.kind} of a mechanistic model whose parameters are fitted. */
    public static final String MECHANISTIC = "mechanistic";
    /** {@code model.kind} of a universal ODE: a mechanistic model plus a neural correction. */
    public static final String UNIVERSAL = "universal";
    private static final List<String> KINDS = List.of(NEURAL, MECHANISTIC, UNIVERSAL);

    /** {@code dataset:} where the measurements come from and how they are augmented and split. */
    public record DatasetConfig(String path, AugmentConfig augment, ValidationConfig validation) { }

    /** {@code dataset.augment:} n noisy copies per measurement (0 = none). */
    public record AugmentConfig(int n, double sigma, long seed, boolean multiplicative) { }

    /**
     * {@code dataset.validation:} a seeded random fraction, a separate dataset file, or (for {@code cv})
     * leave-one-out, k folds or explicit held-out id lists. Unset members are null.
     */
    public record ValidationConfig(Double fraction, Long seed, String path,
                                   @JsonProperty("leave_one_out") Boolean leaveOneOut,
                                   Integer folds, List<List<String>> ids) { }

    /**
     * {@code model:} what is trained. {@code kind: neural} (default): the MLP of a neural ODE ({@code width},
     * {@code depth}, {@code activation}, {@code weight_scale}, {@code use_final_bias}, {@code seed}).
     * {@code kind: mechanistic}: the parameters named in {@code fit} of the rate equations in {@code file}
     * (this project's YAML or Catalax model JSON), the others fixed; {@code constants} gives the model's
     * constants their values. {@code kind: universal}: Catalax's universal ODE, those rate equations plus an
     * MLP correction of the neural keys, gated when {@code gate}, with its own {@code penalties}.
     * {@code scale_final_layer} multiplies the MLP's last layer by {@code weight_scale} too (Catalax's
     * trainer), else it stays as drawn. {@code rbf} (null = off) makes the MLP Catalax's RBF network: an RBF
     * layer after every hidden layer instead of {@code activation}.
     */
    public record ModelConfig(String kind, String file, List<String> fit, Map<String, Double> constants,
                              int width, int depth, String activation,
                              @JsonProperty("weight_scale") double weightScale,
                              @JsonProperty("use_final_bias") boolean useFinalBias, long seed, boolean gate,
                              UodePenaltiesConfig penalties,
                              @JsonProperty("scale_final_layer") boolean scaleFinalLayer, RbfConfig rbf) {

        /** The MLP of this configuration for {@code states} states (with RBF layers when {@code rbf} is set). */
        public MlpSpec mlpSpec(int states) {
            return rbf == null ? new MlpSpec(states, width, depth, Activation.byName(activation), useFinalBias)
                    : MlpSpec.rbfNetwork(states, width, depth, useFinalBias, rbf.gamma());
        }
    }

    /** {@code model.rbf:} Catalax's RBF layers {@code exp(-gamma (z - mu)^2)} with this fixed gamma. */
    public record RbfConfig(Double gamma) {

        /** As YAML writes it, for messages. */
        @Override
        public String toString() {
            return "{gamma: " + gamma + "}";
        }
    }

    /** {@code model.penalties:} a universal model's gate and residual-scale penalty strengths. */
    public record UodePenaltiesConfig(@JsonProperty("l2_gate") double l2Gate, @JsonProperty("l1_gate") double l1Gate,
                                      @JsonProperty("l2_residual") double l2Residual,
                                      @JsonProperty("l1_residual") double l1Residual) { }

    /**
     * {@code solver:} the adaptive Runge-Kutta solver used in training and prediction; {@code saveat} is
     * {@code dense} (interpolate outputs inside steps) or {@code land} (clip steps onto every output time),
     * see {@link org.neuralode.ode.SolverOptions.SaveAt}.
     */
    public record SolverConfig(String method, double rtol, double atol,
                               @JsonProperty("max_steps") int maxSteps, String saveat) { }

    /** One strategy phase (Catalax's trainer). */
    public record PhaseConfig(double lr, int steps, @JsonProperty("batch_size") int batchSize,
                              double length, double alpha, double l1,
                              @JsonProperty("temporal_dropout") double temporalDropout,
                              @JsonProperty("clip_norm") double clipNorm) { }

    /** {@code training:} monitoring, seeds and failure handling. */
    public record TrainingConfig(@JsonProperty("print_every") int printEvery, long seed,
                                 @JsonProperty("save_milestones") boolean saveMilestones,
                                 boolean progress,
                                 @JsonProperty("max_failures") int maxFailures,
                                 @JsonProperty("early_stopping") EarlyStoppingConfig earlyStopping) { }

    /**
     * {@code training.early_stopping:} stop once {@code patience} monitoring points in a row have not improved
     * the validation loss by more than {@code min_delta}, keeping the best model seen; null when off.
     */
    public record EarlyStoppingConfig(Integer patience, @JsonProperty("min_delta") Double minDelta) { }

    /**
     * {@code ensemble:} members trained per cv (grid point, fold), or by {@code train} as one ensemble model,
     * each with its own model and training seed ({@link #memberOverrides}).
     */
    public record EnsembleConfig(int members) { }

    /** A whole number or {@code auto} (left to a planner); {@link #value} is null for {@code auto}. */
    public record CountOrAuto(Integer value) {

        /** {@code auto}. */
        public static final CountOrAuto AUTO = new CountOrAuto(null);

        /** Binds a YAML whole number or the string {@code auto}. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static CountOrAuto parse(Object yaml) {
            if ("auto".equals(yaml)) {
                return AUTO;
            }
            if (yaml instanceof Integer n) {
                return new CountOrAuto(n);
            }
            throw new IllegalArgumentException("must be a whole number or auto");
        }

        /** Whether the value is left to the planner. */
        public boolean auto() {
            return value == null;
        }
    }

    /**
     * The overrides that make ensemble member {@code member}'s configuration out of this one, as cv and
     * {@code train} derive it: {@code model.seed} and {@code training.seed} plus the member index (the
     * augmentation seed is left alone, so every member sees the same augmented data).
     *
     * @return {@code --set KEY=VALUE} overrides
     */
    public List<String> memberOverrides(int member) {
        return List.of("model.seed=" + (model.seed() + member), "training.seed=" + (training.seed() + member));
    }

    /**
     * {@code parallel:} data-parallel training on Spark with parameter averaging: the training set is
     * split into {@code partitions} shards, each runs {@code averaging_frequency} local steps between
     * averages; either may be {@code auto} (a planner picks it at run time). Null when training on one machine.
     */
    public record ParallelConfig(CountOrAuto partitions,
                                 @JsonProperty("averaging_frequency") CountOrAuto averagingFrequency, String mode) {

        /** Whether the mode is {@code sync} (gradients summed every step) rather than {@code average}. */
        public boolean sync() {
            return "sync".equals(mode);
        }
    }

    /**
     * Checks ranges and combinations that binding cannot; throws {@link InputException} naming
     * {@code source} (the config file), the key path and the value.
     */
    public JobConfig validate(String source) {
        ConfigChecks c = new ConfigChecks(source);
        requireSections(c);
        c.require(dataset.path() != null && !dataset.path().isBlank(), "dataset.path", null,
                "is missing (the Croissant zip or CSV directory to train on)");
        c.atLeast("dataset.augment.n", dataset.augment().n(), 0);
        c.finiteAtLeast("dataset.augment.sigma", dataset.augment().sigma(), 0);
        validateValidation(c);
        validateModelKind(c);
        c.atLeast("model.width", model.width(), 1);
        c.atLeast("model.depth", model.depth(), 0);
        c.activation("model.activation", model.activation());
        validateRbf(c);
        c.finitePositive("model.weight_scale", model.weightScale());
        c.solver("solver.method", solver.method());
        c.finitePositive("solver.rtol", solver.rtol());
        c.finitePositive("solver.atol", solver.atol());
        c.atLeast("solver.max_steps", solver.maxSteps(), 1);
        c.saveAt("solver.saveat", solver.saveat());
        c.require(!strategy.isEmpty(), "strategy", "[]", "needs at least one phase");
        for (int i = 0; i < strategy.size(); i++) {
            validatePhase(c, "strategy[" + i + "]", strategy.get(i));
        }
        c.atLeast("training.print_every", training.printEvery(), 1);
        c.atLeast("training.max_failures", training.maxFailures(), 1);
        EarlyStoppingConfig es = training.earlyStopping();
        if (es != null) {
            c.require(es.patience() != null && es.patience() >= 1, "training.early_stopping.patience",
                    es.patience(), "must be a whole number >= 1 (monitoring points without improvement)");
            c.require(es.minDelta() != null && es.minDelta() >= 0 && !es.minDelta().isInfinite(),
                    "training.early_stopping.min_delta", es.minDelta(), "must be a finite number >= 0");
            c.require(dataset.validation() != null, "training.early_stopping", null,
                    "needs a validation set (dataset.validation: {fraction: f} or {path: file}) to watch");
        }
        c.atLeast("ensemble.members", ensemble.members(), 1);
        if (parallel != null) {
            CountOrAuto p = parallel.partitions();
            c.require(p != null && (p.auto() || p.value() >= 1), "parallel.partitions", p == null ? null : p.value(),
                    "must be a whole number >= 1 or auto (the cores Spark offers)");
            c.require(parallel.mode() == null || List.of("average", "sync").contains(parallel.mode()),
                    "parallel.mode", parallel.mode(), "must be average (the default) or sync");
            if (!parallel.sync()) {
                CountOrAuto k = parallel.averagingFrequency();
                c.require(k != null && (k.auto() || k.value() >= 1), "parallel.averaging_frequency",
                        k == null ? null : k.value(), "must be a whole number >= 1 or auto (local steps between "
                                + "averages; not needed with mode: sync)");
            }
        }
        c.require(List.of("auto", "jvm", "nd4j").contains(engine), "engine", engine,
                "must be one of auto, jvm, nd4j");
        for (Map.Entry<String, List<Object>> e : sweep.entrySet()) {
            c.require(e.getValue() != null && !e.getValue().isEmpty(), "sweep." + e.getKey(), e.getValue(),
                    "needs a non-empty list of values");
        }
        return this;
    }

    /** The model's kind and the keys that go with it. */
    private void validateModelKind(ConfigChecks c) {
        c.require(KINDS.contains(model.kind()), "model.kind", model.kind(), "must be one of " + KINDS);
        boolean rateLaw = !NEURAL.equals(model.kind());
        c.require(!rateLaw || model.file() != null && !model.file().isBlank(), "model.file", model.file(),
                "is missing (the model file of kind: " + model.kind() + ")");
        c.require(!MECHANISTIC.equals(model.kind()) || !model.fit().isEmpty(), "model.fit", model.fit(),
                "needs the names of the parameters to fit");
        c.require(rateLaw || model.file() == null && model.fit().isEmpty() && model.constants().isEmpty(),
                "model.kind", model.kind(), "takes no file, fit or constants (they are for kinds mechanistic and "
                        + "universal)");
        UodePenaltiesConfig p = model.penalties();
        c.finiteAtLeast("model.penalties.l2_gate", p.l2Gate(), 0);
        c.finiteAtLeast("model.penalties.l1_gate", p.l1Gate(), 0);
        c.finiteAtLeast("model.penalties.l2_residual", p.l2Residual(), 0);
        c.finiteAtLeast("model.penalties.l1_residual", p.l1Residual(), 0);
        for (Map.Entry<String, Double> e : model.constants().entrySet()) {
            c.require(e.getValue() != null && Double.isFinite(e.getValue()), "model.constants." + e.getKey(),
                    e.getValue(), "must be a finite number");
        }
    }

    /** {@code model.rbf}: a gamma, an MLP to apply it to, and a hidden layer for its RBF layer to follow. */
    private void validateRbf(ConfigChecks c) {
        RbfConfig rbf = model.rbf();
        if (rbf == null) {
            return;
        }
        c.require(rbf.gamma() != null, "model.rbf.gamma", null, "is missing (model.rbf: {gamma: g}, g > 0)");
        c.finitePositive("model.rbf.gamma", rbf.gamma());
        c.require(!MECHANISTIC.equals(model.kind()), "model.rbf", rbf, "applies to an MLP (model.kind neural "
                + "or universal), not to model.kind " + MECHANISTIC);
        c.require(model.depth() >= 1, "model.rbf", rbf, "needs model.depth >= 1 (an RBF layer follows each "
                + "hidden layer; depth 0 has none)");
    }

    /** Sections and names that YAML may set to null ({@code model: ~}) but the job cannot do without. */
    private void requireSections(ConfigChecks c) {
        c.present("dataset", dataset);
        c.present("dataset.augment", dataset.augment());
        c.present("model", model);
        c.present("model.activation", model.activation());
        c.present("model.kind", model.kind());
        c.present("model.fit", model.fit());
        c.present("model.constants", model.constants());
        c.present("model.penalties", model.penalties());
        c.present("solver", solver);
        c.present("solver.method", solver.method());
        c.present("solver.saveat", solver.saveat());
        c.present("strategy", strategy);
        for (int i = 0; i < strategy.size(); i++) {
            c.present("strategy[" + i + "]", strategy.get(i));
        }
        c.present("training", training);
        c.present("sweep", sweep);
        c.present("ensemble", ensemble);
        c.present("engine", engine);
    }

    private void validateValidation(ConfigChecks c) {
        ValidationConfig v = dataset.validation();
        if (v == null) {
            return;
        }
        if (v.fraction() != null) {
            double f = v.fraction();
            c.require(f > 0 && f < 1, "dataset.validation.fraction", v.fraction(), "must lie in (0, 1)");
        }
        if (v.folds() != null) {
            c.atLeast("dataset.validation.folds", v.folds(), 2);
        }
        int kinds = (v.fraction() != null ? 1 : 0) + (v.path() != null ? 1 : 0)
                + (Boolean.TRUE.equals(v.leaveOneOut()) ? 1 : 0) + (v.folds() != null ? 1 : 0)
                + (v.ids() != null ? 1 : 0);
        c.require(kinds == 1, "dataset.validation", null,
                "give exactly one of fraction, path, leave_one_out, folds or ids");
    }

    private static void validatePhase(ConfigChecks c, String key, PhaseConfig p) {
        c.finitePositive(key + ".lr", p.lr());
        c.atLeast(key + ".steps", p.steps(), 1);
        c.atLeast(key + ".batch_size", p.batchSize(), 1);
        c.require(p.length() > 0 && p.length() <= 1, key + ".length", p.length(), "must lie in (0, 1]");
        c.finiteAtLeast(key + ".alpha", p.alpha(), 0);
        c.finiteAtLeast(key + ".l1", p.l1(), 0);
        c.require(p.temporalDropout() >= 0 && p.temporalDropout() < 1, key + ".temporal_dropout",
                p.temporalDropout(), "must lie in [0, 1) (the probability of leaving a time point out; 0 = off)");
        c.require(p.clipNorm() >= 0, key + ".clip_norm", p.clipNorm(),
                "must be a finite number >= 0 (the largest gradient norm the optimiser takes in; 0 = off)");
    }
}

package org.neuralode.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuralode.InputException;
import org.neuralode.bench.FieldProfile;
import org.neuralode.bench.KernelBench;
import org.neuralode.bench.TrainingBench;
import org.neuralode.bench.KernelBench.Engine;
import org.neuralode.bench.KernelBench.Op;
import org.neuralode.bench.KernelReport;
import org.neuralode.bench.Timing;
import org.neuralode.nn.Activation;
import org.neuralode.nn.batch.EngineChoice;
import org.neuralode.nn.batch.Nd4jBatchField;
import org.neuralode.ode.SolverOptions;
import org.neuralode.spark.avg.ParallelBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench [--quick] [--json] [--rows ..] [--widths ..]}: kernel timings of the MLP vector field
 * (per-row MlpField loop, JVM batch, ND4J batch with Nd4j.gemm and with direct OpenBLAS), forward and
 * forward+vjp, median microseconds per call and heap bytes per call, and where ND4J overtakes the JVM.
 * Progress goes to stderr, results to stdout. Pin it to one core for stable numbers
 * ({@code OMP_NUM_THREADS=1 taskset -c 0 neuralode bench}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time the MLP vector-field kernels (MlpField per row, JVM batch, ND4J batch) and report "
                + "where ND4J beats the JVM.",
            "For stable numbers run on one core: OMP_NUM_THREADS=1 taskset -c 0 neuralode bench"})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Short timings (about 30 s in all); slow cells are skipped.")
    boolean quick;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of tables.")
    boolean json;

    @Option(names = "--rows", split = ",", defaultValue = "20,200,2000,20000",
            description = "Row counts (default: ${DEFAULT-VALUE}).")
    int[] rows;

    @Option(names = "--widths", split = ",", defaultValue = "16,64,256",
            description = "Hidden widths (default: ${DEFAULT-VALUE}).")
    int[] widths;

    @Option(names = "--depth", defaultValue = "2", description = "Hidden layers (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--states", defaultValue = "1", description = "State dimension S (default: ${DEFAULT-VALUE}).")
    int states;

    @Option(names = "--activation", defaultValue = "tanh", description = "Hidden activation (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--engines", split = ",", defaultValue = "mlpfield,jvm,nd4j,nd4j-blas",
            description = "Engines to time (default: ${DEFAULT-VALUE}).")
    List<String> engines;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of parameters and inputs.")
    long seed;

    @Option(names = "--part", defaultValue = "all",
            description = "What to run: recipes (train the two reference recipes), kernels, parallel (local against "
                    + "Spark training, on the Spark master of -Dspark.master), or all (recipes and kernels; the "
                    + "default).")
    String part;

    @Option(names = "--averaging-frequency", defaultValue = "10",
            description = "Local steps k between averages for --part parallel (default: ${DEFAULT-VALUE}).")
    int averagingFrequency;

    @Option(names = "--warm-jobs", defaultValue = "1000",
            description = "Spark jobs run untimed before --part parallel's runs, so that they measure a warm "
                    + "job path (0: the figures of a fresh JVM; default: ${DEFAULT-VALUE}).")
    int warmJobs;

    @Option(names = "--dataset", defaultValue = "datasets/catalax/croissant_dataset.zip",
            description = "Catalax's reference dataset for the recipes (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--engine", defaultValue = "jvm", description = "Engine for the recipes: jvm, nd4j, auto.")
    String engine;

    @Option(names = "--saveat", defaultValue = "dense",
            description = "Solver outputs for the recipes: dense (interpolated inside steps) or land.")
    String saveAt;

    @Override
    public Integer call() throws JsonProcessingException {
        if (!List.of("all", "recipes", "kernels", "parallel").contains(part)) {
            throw new InputException("--part " + part, "use recipes, kernels, parallel or all");
        }
        if (part.equals("parallel")) {
            return parallel();
        }
        KernelBench.Config config = part.equals("recipes") ? null : config();
        List<TrainingBench.Result> recipes = part.equals("kernels") ? List.of() : recipes();
        if (part.equals("recipes")) {
            if (json) {
                spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(
                        Map.of("recipes", recipes.stream().map(TrainingBench.Result::toMap).toList())));
            }
            return ExitCodes.OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "bench: %s mode, %d cores visible, java %s; progress:%n", quick ? "quick" : "full",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        List<KernelBench.Cell> cells = KernelBench.run(config, c -> err.printf(Locale.ROOT,
                "  %-9s %-11s width %4d rows %6d: %s%n", c.engine().label(), c.op().label(), c.width(), c.rows(),
                c.skipped() ? "skipped" : String.format(Locale.ROOT, "%.1f us", c.medianMicros())));
        List<KernelReport.Crossover> crossovers = new ArrayList<>();
        if (config.engines().contains(Engine.JVM)) {
            for (Engine e : List.of(Engine.ND4J, Engine.OPENBLAS)) {
                if (config.engines().contains(e)) {
                    crossovers.addAll(KernelReport.crossovers(cells, Engine.JVM, e));
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> tree = KernelReport.tree(config, cells, crossovers);
            tree.put("auto_rule", EngineChoice.RULE);
            tree.put("recipes", recipes.stream().map(TrainingBench.Result::toMap).toList());
            out.println(new ObjectMapper().writeValueAsString(tree));
        } else {
            printText(out, config, cells, crossovers);
        }
        return ExitCodes.OK;
    }

    /** Times local against Spark training on both {@link ParallelBenchmark} workloads. */
    private int parallel() throws JsonProcessingException {
        if (averagingFrequency < 1) {
            throw new InputException("--averaging-frequency", "must be >= 1, got " + averagingFrequency);
        }
        if (warmJobs < 0) {
            throw new InputException("--warm-jobs", "must be >= 0, got " + warmJobs);
        }
        org.neuralode.data.Dataset data = org.neuralode.io.DatasetFiles.load(dataset);
        PrintWriter out = spec.commandLine().getOut();
        List<ParallelBenchmark.Row> rows = ParallelBenchmark.run(data, averagingFrequency, warmJobs, row -> {
            if (!json) {
                out.printf(Locale.ROOT, "%-12s %-18s %8.2f %8.2f %12.0f %7d %12.1f %9.4f%n", row.workload(),
                        row.run(), row.wallSeconds(), row.trainSeconds(), row.trajectoryStepsPerSecond(), row.rounds(),
                        row.roundOverheadMs(), row.validationMae());
                out.flush();
            }
        }, () -> {
            if (!json) {
                out.printf(Locale.ROOT, "%-12s %-18s %8s %8s %12s %7s %12s %9s%n", "workload", "run", "wall s",
                        "train s", "traj-steps/s", "rounds", "overhead ms", "val MAE");
            }
        });
        if (json) {
            out.println(new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .writeValueAsString(Map.of("parallel", rows)));
        }
        return ExitCodes.OK;
    }

    /** Trains the two reference recipes and prints their figures (as a table unless --json). */
    private List<TrainingBench.Result> recipes() {
        org.neuralode.data.Dataset data = org.neuralode.io.DatasetFiles.load(dataset);
        org.neuralode.train.Engine e;
        SolverOptions.SaveAt mode;
        try {
            e = org.neuralode.train.Engine.byName(engine);
            mode = SolverOptions.SaveAt.byName(saveAt);
        } catch (IllegalArgumentException ex) {
            throw new InputException("--engine " + engine + " --saveat " + saveAt, ex.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        List<TrainingBench.Result> results = new ArrayList<>();
        for (TrainingBench.Recipe r : List.of(TrainingBench.Recipe.notebook(), TrainingBench.Recipe.seed())) {
            err.printf(Locale.ROOT, "bench: training the %s recipe ...%n", r.name());
            results.add(TrainingBench.run(r, data, e, mode));
        }
        if (!json) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%nReference recipes (training loop only, engine %s, saveat %s):%n", engine,
                    mode.name().toLowerCase(Locale.ROOT));
            out.printf(Locale.ROOT, "%-9s %8s %9s %9s %9s %12s %10s %9s %8s %10s %9s %9s%n", "recipe", "seconds",
                    "steps/s", "acc/traj", "rej/traj", "field evals", "evals/step", "vjps/step", "field %",
                    "bytes/step", "train MAE", "val MAE");
            for (TrainingBench.Result x : results) {
                FieldProfile p = x.profile();
                out.printf(Locale.ROOT, "%-9s %8.2f %9.0f %9.2f %9.2f %12d %10.0f %9.0f %8.0f %10.0f %9.4f %9.4f%n",
                        x.recipe(), x.trainSeconds(), x.stepsPerSecond(), x.meanAcceptedSteps(),
                        x.meanRejectedSteps(), x.fieldEvaluations(), p.evaluationsPerStep(), p.vjpsPerStep(),
                        100 * p.fieldShare(), x.bytesPerStep(), x.trainMae(), x.validationMae());
            }
            out.printf(Locale.ROOT, "(evals/step, vjps/step and field %%: a separate %d-step pass with the trained "
                    + "model at the last phase's settings, every field call timed)%n", TrainingBench.PROFILE_STEPS);
            out.flush();
        }
        return results;
    }

    private void printText(PrintWriter out, KernelBench.Config config, List<KernelBench.Cell> cells,
                           List<KernelReport.Crossover> crossovers) {
        String model = String.format(Locale.ROOT, "S=%d, depth %d, %s", config.stateDim(), config.depth(),
                config.activation().catalaxName());
        for (Op op : Op.values()) {
            out.printf(Locale.ROOT, "%n%s: median microseconds per call (%s)%n", op.label(), model);
            out.print(KernelReport.table(cells, op));
        }
        out.printf(Locale.ROOT, "%nJava heap bytes per call (largest over all cells):%n");
        KernelReport.maxBytesPerCall(cells).forEach((e, b) -> out.printf(Locale.ROOT, "  %-10s %.0f%n", e.label(), b));
        out.printf(Locale.ROOT, "%nCrossovers (smallest row count from which the challenger stays faster):%n");
        for (KernelReport.Crossover x : crossovers) {
            out.printf(Locale.ROOT, "  %-11s width %4d: %-9s beats %s %s%n", x.op().label(), x.width(),
                    x.challenger().label(), x.baseline().label(), x.rows() < 0 ? "nowhere in the grid" : "from " + x.rows() + " rows");
        }
        out.printf(Locale.ROOT, "%nauto rule (EngineChoice.choose): %s%n", EngineChoice.RULE);
    }

    private KernelBench.Config config() {
        for (int r : rows) {
            if (r < 1) {
                throw new InputException("--rows", "row counts must be >= 1, got " + r);
            }
        }
        for (int w : widths) {
            if (w < 1) {
                throw new InputException("--widths", "widths must be >= 1, got " + w);
            }
        }
        if (depth < 0 || states < 1) {
            throw new InputException("--depth/--states", "need depth >= 0 and states >= 1, got " + depth + ", " + states);
        }
        Activation act;
        List<Engine> list = new ArrayList<>();
        try {
            act = Activation.byName(activation);
            for (String name : engines) {
                Engine e = Engine.byLabel(name);
                if (e == Engine.OPENBLAS && Nd4jBatchField.Gemm.best() != Nd4jBatchField.Gemm.OPENBLAS) {
                    spec.commandLine().getErr().println("bench: nd4j-blas needs ND4J's CPU backend; skipped");
                    continue;
                }
                list.add(e);
            }
        } catch (IllegalArgumentException e) {
            throw new InputException("--activation/--engines", e.getMessage(), e);
        }
        Timing.Budget budget = quick ? Timing.Budget.quick() : Timing.Budget.full();
        return new KernelBench.Config(rows, widths, depth, states, act, list, budget, seed);
    }
}

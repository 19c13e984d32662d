package org.neuralode.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpField;
import org.neuralode.nn.MlpInit;
import org.neuralode.nn.MlpSpec;
import org.neuralode.ode.batch.BatchField;
import org.neuralode.nn.batch.JvmBatchField;
import org.neuralode.nn.batch.Nd4jBatchField;
import org.neuralode.ode.VectorField;

/**
 * Kernel timings of the MLP vector field: the per-row {@link MlpField} loop against the batch engines,
 * forward ({@code eval} on all rows) and forward+vjp ({@code eval} then {@code vjp} on all rows, what
 * one stage costs in a forward solve plus its backward pass), over a grid of row counts and widths.
 * Each cell reports the median microseconds per call and the Java-heap bytes allocated per call.
 * Deterministic inputs (seeded); measures on the calling thread (pin it to one core for stable numbers).
 */
public final class KernelBench {

    private KernelBench() {
    }

    /** The implementations compared. */
    public enum Engine {
        /** {@link MlpField}'s evaluator called row by row. */
        MLP_FIELD("mlpfield"),
        /** {@link JvmBatchField}. */
        JVM("jvm"),
        /** {@link Nd4jBatchField} with {@code Nd4j.gemm}. */
        ND4J("nd4j"),
        /** {@link Nd4jBatchField} with ND4J's OpenBLAS called directly. */
        OPENBLAS("nd4j-blas");

        private final String label;

        Engine(String label) {
            this.label = label;
        }

        /** Short name used in tables and JSON. */
        public String label() {
            return label;
        }

        /** The engine with this label. @throws IllegalArgumentException listing the labels */
        public static Engine byLabel(String label) {
            for (Engine e : values()) {
                if (e.label.equalsIgnoreCase(label.trim())) {
                    return e;
                }
            }
            throw new IllegalArgumentException("unknown engine '" + label + "'; allowed: "
                    + java.util.Arrays.stream(values()).map(Engine::label).toList());
        }
    }

    /** What one timed call does. */
    public enum Op {
        FORWARD("forward"),
        FORWARD_VJP("forward+vjp");

        private final String label;

        Op(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A survey to run.
     *
     * @param rows       row counts
     * @param widths     hidden widths
     * @param depth      hidden layers
     * @param stateDim   S
     * @param activation hidden activation
     * @param engines    engines to time
     * @param budget     timing budget per cell
     * @param seed       seed of parameters and inputs
     */
    public record Config(int[] rows, int[] widths, int depth, int stateDim, Activation activation,
                         List<Engine> engines, Timing.Budget budget, long seed) {

        public Config {
            rows = rows.clone();
            widths = widths.clone();
            engines = List.copyOf(engines);
            Objects.requireNonNull(activation, "activation");
            Objects.requireNonNull(budget, "budget");
        }
    }

    /**
     * One cell of the survey.
     *
     * @param time         the timing, or null when the cell was skipped (a call was expected to take
     *                     longer than the budget's {@code maxCallNanos})
     * @param bytesPerCall Java-heap bytes allocated per call, NaN when unknown or skipped
     */
    public record Cell(Engine engine, Op op, int rows, int width, Timing.Result time, double bytesPerCall) {

        /** Whether the cell was skipped. */
        public boolean skipped() {
            return time == null;
        }

        /** Median microseconds per call, NaN when skipped. */
        public double medianMicros() {
            return time == null ? Double.NaN : time.medianMicros();
        }
    }

    /**
     * Runs the survey; {@code progress} sees every cell as soon as it is measured. Per width, every
     * engine is built and warmed up (JIT) for {@code 4 * warmupNanos}; then for each operation and row
     * count (ascending) the engines are timed against each other ({@link Timing#measureInterleaved}).
     * A cell whose call is projected (linearly in rows from the engine's previous cell) to take longer
     * than {@code maxCallNanos} is skipped.
     */
    public static List<Cell> run(Config config, Consumer<Cell> progress) {
        List<Cell> cells = new ArrayList<>();
        int[] rowsGrid = config.rows().clone();
        java.util.Arrays.sort(rowsGrid);
        if (rowsGrid.length == 0 || rowsGrid[0] < 1) {
            throw new IllegalArgumentException("row counts must be >= 1: " + java.util.Arrays.toString(rowsGrid));
        }
        int maxRows = rowsGrid[rowsGrid.length - 1];
        Timing.Budget budget = config.budget();
        List<Engine> engines = config.engines();
        for (int width : config.widths()) {
            MlpSpec spec = new MlpSpec(config.stateDim(), width, config.depth(), config.activation());
            Inputs in = new Inputs(spec, maxRows, config.seed());
            Kernel[] kernels = new Kernel[engines.size()];
            for (int e = 0; e < kernels.length; e++) {
                kernels[e] = kernel(engines.get(e), spec, maxRows);
                Kernel k = kernels[e];
                Timing.warmUp(() -> k.call(Op.FORWARD_VJP, in, rowsGrid[0]), 4 * budget.warmupNanos());
            }
            for (Op op : Op.values()) {
                double[] microsPerRow = new double[kernels.length];
                for (int rows : rowsGrid) {
                    List<Integer> timed = new ArrayList<>();
                    for (int e = 0; e < kernels.length; e++) {
                        if (microsPerRow[e] * rows * 1e3 <= budget.maxCallNanos()) {
                            timed.add(e);
                        }
                    }
                    Runnable[] calls = new Runnable[timed.size()];
                    for (int q = 0; q < calls.length; q++) {
                        Kernel k = kernels[timed.get(q)];
                        calls[q] = () -> k.call(op, in, rows);
                    }
                    Timing.Result[] times = Timing.measureInterleaved(calls, budget);
                    Cell[] row = new Cell[kernels.length];
                    for (int q = 0; q < calls.length; q++) {
                        int e = timed.get(q);
                        double bytes = Allocation.bytesPerCall(calls[q], Math.max(1, Math.min(20, times[q].callsPerSample())));
                        row[e] = new Cell(engines.get(e), op, rows, width, times[q], bytes);
                        microsPerRow[e] = times[q].medianMicros() / rows;
                    }
                    for (int e = 0; e < kernels.length; e++) {
                        Cell cell = row[e] != null ? row[e] : new Cell(engines.get(e), op, rows, width, null, Double.NaN);
                        cells.add(cell);
                        progress.accept(cell);
                    }
                }
            }
        }
        return cells;
    }

    /** Seeded parameters, times, states and cotangents for up to maxRows rows. */
    private static final class Inputs {
        final double[] theta;
        final double[] t;
        final double[] y;
        final double[] cot;
        final double[] out;
        final double[] yBar;
        final double[] thetaBar;

        Inputs(MlpSpec spec, int maxRows, long seed) {
            int s = spec.stateDim();
            theta = MlpInit.init(spec, 1.0, seed);
            SplittableRandom rng = new SplittableRandom(seed + 1);
            t = new double[maxRows];
            y = new double[maxRows * s];
            cot = new double[maxRows * s];
            for (int r = 0; r < maxRows; r++) {
                t[r] = TIME_SCALE * rng.nextDouble();
                for (int i = 0; i < s; i++) {
                    y[r * s + i] = 2 * rng.nextDouble();
                    cot[r * s + i] = rng.nextDouble() - 0.5;
                }
            }
            out = new double[maxRows * s];
            yBar = new double[maxRows * s];
            thetaBar = new double[spec.numParams()];
        }
    }

    private static final double TIME_SCALE = 10.0;

    /** One engine behind a common call. */
    private interface Kernel {
        void call(Op op, Inputs in, int rows);
    }

    private static Kernel kernel(Engine engine, MlpSpec spec, int maxRows) {
        return switch (engine) {
            case MLP_FIELD -> rowLoop(new MlpField(spec, TIME_SCALE).newEvaluator(), spec.stateDim());
            case JVM -> batch(new JvmBatchField(spec, TIME_SCALE));
            case ND4J -> batch(new Nd4jBatchField(spec, TIME_SCALE, maxRows, Nd4jBatchField.Gemm.ND4J));
            case OPENBLAS -> batch(new Nd4jBatchField(spec, TIME_SCALE, maxRows, Nd4jBatchField.Gemm.OPENBLAS));
        };
    }

    private static Kernel batch(BatchField f) {
        return (op, in, rows) -> {
            f.eval(in.t, in.y, in.theta, in.out, rows);
            if (op == Op.FORWARD_VJP) {
                f.vjp(in.t, in.y, in.theta, in.cot, in.yBar, in.thetaBar, rows);
            }
        };
    }

    private static Kernel rowLoop(VectorField.Evaluator ev, int s) {
        return (op, in, rows) -> {
            for (int r = 0; r < rows; r++) {
                ev.eval(in.t[r], in.y, r * s, in.theta, in.out, r * s);
            }
            if (op == Op.FORWARD_VJP) {
                for (int r = 0; r < rows; r++) {
                    ev.vjp(in.t[r], in.y, r * s, in.theta, in.cot, r * s, in.yBar, r * s, in.thetaBar);
                }
            }
        };
    }
}

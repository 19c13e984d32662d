package org.neuralode.nn.batch;

import org.neuralode.nn.MlpSpec;
import org.neuralode.ode.batch.BatchField;

/**
 * Which engine trains a neural ODE faster on one CPU core ({@code engine: auto}): the JVM's per-trajectory
 * kernel ({@code MlpField} in {@code LossEvaluator}) or ND4J stepping a batch's trajectories together
 * ({@link Nd4jBatchField} in {@code BatchLossEvaluator}).
 *
 * <p>Re-derived (issue 14) after the activations became exp-based (the old rule, from when {@code Math.tanh}
 * bound every kernel, sent width 32 and up to ND4J). Kernels, {@code OMP_NUM_THREADS=1 taskset -c 0 neuralode
 * bench --part kernels --quick} (S=1, depth 2, tanh; a 2-core AMD EPYC VM shared with other jobs, medians
 * noisy by ~30%), median microseconds per forward+vjp call:
 * <pre>
 *   width rows   mlpfield  jvm-batch  nd4j(Nd4j.gemm)  nd4j(OpenBLAS)
 *    16     20       21.5       16.7        497            12.7
 *    16    200        216        156        389             115
 *    32     20       57.4       42.6        225            26.7
 *    64     20        173        122        258            60.2
 *    64    200       1748       1166        843             559
 *   256     20       2509       1542        866             539
 * </pre>
 * Per call the BLAS products win from width 16, but whole training runs do not follow the kernels: training
 * seconds on one core, batch 20, {@code conf/catalax-notebook.yaml} with tanh and the width and depth shown
 * (the JVM engine / ND4J with OpenBLAS):
 * <pre>
 *   the recipes (bench --part recipes): notebook (width 4, depth 2, celu) 1.26 / 1.81; seed (16, 1, selu) 3.93 / 5.34
 *   depth 1: width 32 1.02 / 1.29; 64 1.66 / 2.23 (3 x 300 steps); 128 1.20 / 1.55; 256 2.08 / 2.54 (3 x 100)
 *   depth 2: width 32 1.30 / 1.36; 64 3.44 / 2.23; 256 44.5 / 14.9 (3 x 100 steps)
 * </pre>
 * With one hidden layer the products are thin ({@code (S+1) x width} and {@code width x S}) and the batch
 * solver's lock-step bookkeeping costs more than BLAS saves; a hidden-to-hidden product of width 64 or more
 * is where ND4J pays. Through {@code Nd4j.gemm} only (no direct OpenBLAS, e.g. a GPU backend), whose op
 * dispatch costs 15-80 us per product, ND4J also needs {@code rows * width^2 >= 800,000}.
 *
 * <p>{@link #choose} touches ND4J (whose start-up takes seconds) only for such networks.
 */
public enum EngineChoice {
    /** {@link JvmBatchField}. */
    JVM,
    /** {@link Nd4jBatchField} with {@link Nd4jBatchField.Gemm#best()}. */
    ND4J;

    /** Smallest width at which the native products pay off. */
    public static final int MIN_ND4J_WIDTH = 64;
    /** Fewest hidden layers (so at least one hidden-to-hidden product) at which they do. */
    public static final int MIN_ND4J_DEPTH = 2;
    /** With {@code Nd4j.gemm} only: least {@code rows * width^2} per call for ND4J to win. */
    public static final long MIN_ND4J_GEMM_WORK = 800_000L;

    /** The rule in words, as printed by the bench. */
    public static final String RULE = "ND4J when depth >= " + MIN_ND4J_DEPTH + ", width >= " + MIN_ND4J_WIDTH
            + " and (ND4J's OpenBLAS is called directly (CPU backend) or rows * width^2 >= " + MIN_ND4J_GEMM_WORK
            + " (Nd4j.gemm)); JVM otherwise";

    /**
     * The engine for {@code rows} rows per call and an MLP of {@code depth} hidden layers of {@code width}.
     *
     * @param rows  rows per field call (trajectories stepped together), &gt;= 0
     * @param width hidden width of the MLP, &gt;= 1
     * @param depth hidden layers, &gt;= 0
     */
    public static EngineChoice choose(int rows, int width, int depth) {
        if (width < MIN_ND4J_WIDTH || depth < MIN_ND4J_DEPTH || rows < 1) {
            return JVM;
        }
        if (Nd4jBatchField.Gemm.best() == Nd4jBatchField.Gemm.OPENBLAS) {
            return ND4J;
        }
        return (long) rows * width * width >= MIN_ND4J_GEMM_WORK ? ND4J : JVM;
    }

    /** A new field of this engine (one per thread); {@code maxRows} sizes the ND4J buffers. */
    public BatchField newField(MlpSpec spec, double tMax, int maxRows) {
        return this == JVM ? new JvmBatchField(spec, tMax) : new Nd4jBatchField(spec, tMax, maxRows);
    }
}

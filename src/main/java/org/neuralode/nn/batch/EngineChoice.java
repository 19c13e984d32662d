package org.neuralode.nn.batch;

import org.neuralode.nn.MlpSpec;
import org.neuralode.ode.batch.BatchField;

/**
 * Which batch engine evaluates the MLP field faster for a given number of rows per call and hidden
 * width, on one CPU core ({@code auto}).
 *
 * <p>The rule comes from {@code neuralode bench} (S=1, depth 2, tanh, FLOAT64, {@code taskset -c 0},
 * {@code OMP_NUM_THREADS=1}; a 2-core AMD EPYC VM shared with other jobs, so medians are noisy by
 * about 30%). Median microseconds per forward+vjp call:
 * <pre>
 *   width rows     jvm   nd4j(Nd4j.gemm)  nd4j(OpenBLAS)
 *    16     20      41        300              54
 *    16    200     469        690             372
 *    16   2000    5151       5410            4045
 *    32      5      27        210              22
 *    32    200    1225       1649             803
 *    64     20     241        308             160
 *    64    200    2414       1828            1514
 *   256     20    7762       2414            3277
 *   256    200   70309      25384           28889
 * </pre>
 * Up to width 16 the engines tie within noise at every row count (20 to 20,000; widths 4 and 8
 * likewise): the kernels are bound by the activation ({@code Math.tanh}, about 23 ns a value), which
 * both evaluate in Java, not by the products. From width 32 the BLAS products win at every row count
 * measured (5 rows and up) when ND4J's bundled OpenBLAS is called directly. Through
 * {@code Nd4j.gemm} (ND4J's op dispatch costs 15-80 us per product) ND4J wins only from about
 * {@code rows * width^2 >= 800,000}: width 32 from 2,000 rows, 64 from 200, 256 from 20.
 *
 * <p>{@link #choose} touches ND4J (whose start-up takes seconds) only for width &gt;= 32.
 */
public enum EngineChoice {
    /** {@link JvmBatchField}. */
    JVM,
    /** {@link Nd4jBatchField} with {@link Nd4jBatchField.Gemm#best()}. */
    ND4J;

    /** Smallest width at which the native products pay off. */
    public static final int MIN_ND4J_WIDTH = 32;
    /** With {@code Nd4j.gemm} only: least {@code rows * width^2} per call for ND4J to win. */
    public static final long MIN_ND4J_GEMM_WORK = 800_000L;

    /** The rule in words, as printed by the bench. */
    public static final String RULE = "ND4J when width >= " + MIN_ND4J_WIDTH + " and (ND4J's OpenBLAS is called "
            + "directly (CPU backend) or rows * width^2 >= " + MIN_ND4J_GEMM_WORK + " (Nd4j.gemm)); JVM otherwise";

    /**
     * The engine for {@code rows} rows per call and hidden width {@code width}.
     *
     * @param rows  rows per field call (trajectories stepped together), &gt;= 0
     * @param width hidden width of the MLP, &gt;= 1
     */
    public static EngineChoice choose(int rows, int width) {
        if (width < MIN_ND4J_WIDTH || rows < 1) {
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

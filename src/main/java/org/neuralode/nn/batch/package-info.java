/**
 * The MLP vector field evaluated on many rows (trajectories, stages) per call, for the batch solver.

 *
 * <ul>
 *   <li>{@link org.neuralode.ode.batch.BatchField} (in {@code ode.batch}, beside its solver): eval and
 *   vector-Jacobian product on R rows at once.</li>
 *   <li>{@link org.neuralode.nn.batch.JvmBatchField}: plain Java loops in row blocks, bit-identical to
 *       {@link org.neuralode.nn.MlpField} row by row.</li>
 *   <li>{@link org.neuralode.nn.batch.Nd4jBatchField}: layer products by native BLAS on ND4J FLOAT64
 *       buffers ({@code Nd4j.gemm}, or ND4J's OpenBLAS called directly), activations in a Java pass.</li>
 *   <li>{@link org.neuralode.nn.batch.EngineChoice}: the measured rule picking JVM or ND4J by rows and
 *       width.</li>
 * </ul>
 *
 * <p>Every field instance owns scratch buffers and belongs to one thread; nothing is allocated per call
 * after construction (the {@code Nd4j.gemm} path allocates a few KB of short-lived Java objects per
 * product inside ND4J).
 */
package org.neuralode.nn.batch;

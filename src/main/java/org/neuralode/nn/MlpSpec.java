package org.neuralode.nn;

import java.io.Serializable;
import java.util.Objects;

/**
 * Architecture of the neural vector field and the layout of its flat parameter vector.
 *
 * <p>The network has {@code depth + 1} Linear layers (Catalax / equinox {@code eqx.nn.MLP}):
 * <pre>
 *   layer 0:            Linear(S+1   -> width) + activation      (depth >= 1)
 *   layers 1..depth-1:  Linear(width -> width) + activation
 *   layer depth:        Linear(width -> S), bias only if useFinalBias, no activation
 *   depth == 0:         a single Linear(S+1 -> S)
 * </pre>
 * The input is {@code [y_1..y_S, t / t_max]} (S+1 values), the output {@code dy/dt} (S values).
 *
 * <p><b>Parameter layout.</b> One flat {@code double[] theta} of length {@link #numParams()}; layer by
 * layer in order, the weight matrix {@code [out][in]} stored row-major (element {@code (i, j)} at
 * {@code weightOffset(l) + i * in(l) + j}), then that layer's bias {@code [out]} if it has one (at
 * {@code biasOffset(l)}). This is the order and shape of equinox's leaves, so a Catalax {@code .eqx}
 * file's arrays concatenate to exactly this vector. Example: S=1, width 4, depth 2 ->
 * 4x2 + 4 + 4x4 + 4 + 1x4 = 36 parameters.
 *
 * @param stateDim     S, number of states (>= 1)
 * @param width        hidden width (>= 1; unused when depth == 0)
 * @param depth        number of hidden layers (>= 0)
 * @param activation   hidden-layer activation (not applied after the last layer)
 * @param useFinalBias whether the last layer has a bias (Catalax default false)
 */
public record MlpSpec(int stateDim, int width, int depth, Activation activation, boolean useFinalBias)
        implements Serializable {

    /** Validates the sizes. @throws IllegalArgumentException naming the offending value */
    public MlpSpec {
        if (stateDim < 1) {
            throw new IllegalArgumentException("stateDim must be >= 1, got " + stateDim);
        }
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1, got " + width);
        }
        if (depth < 0) {
            throw new IllegalArgumentException("depth must be >= 0, got " + depth);
        }
        Objects.requireNonNull(activation, "activation");
        long n = countParams(stateDim, width, depth, useFinalBias);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many parameters: " + n);
        }
    }

    /** Catalax's default architecture: no bias on the last layer. */
    public MlpSpec(int stateDim, int width, int depth, Activation activation) {
        this(stateDim, width, depth, activation, false);
    }

    /** Number of Linear layers, {@code depth + 1}. */
    public int numLayers() {
        return depth + 1;
    }

    /** Input size of layer {@code l}: S+1 for the first, width otherwise. */
    public int in(int l) {
        checkLayer(l);
        return l == 0 ? stateDim + 1 : width;
    }

    /** Output size of layer {@code l}: S for the last, width otherwise. */
    public int out(int l) {
        checkLayer(l);
        return l == depth ? stateDim : width;
    }

    /** Whether layer {@code l} has a bias: every hidden layer, the last only if {@link #useFinalBias}. */
    public boolean hasBias(int l) {
        checkLayer(l);
        return l < depth || useFinalBias;
    }

    /** Weight shape {@code {out, in}} of layer {@code l}. */
    public int[] weightShape(int l) {
        return new int[] {out(l), in(l)};
    }

    /** Offset in theta of layer {@code l}'s weight (row-major {@code [out][in]}). */
    public int weightOffset(int l) {
        checkLayer(l);
        int off = 0;
        for (int k = 0; k < l; k++) {
            off += layerSize(k);
        }
        return off;
    }

    /** Offset in theta of layer {@code l}'s bias, or -1 when it has none. */
    public int biasOffset(int l) {
        return hasBias(l) ? weightOffset(l) + out(l) * in(l) : -1;
    }

    /** Number of parameters in layer {@code l} (weight plus bias). */
    public int layerSize(int l) {
        return out(l) * in(l) + (hasBias(l) ? out(l) : 0);
    }

    /** {@link #in(int)} of every layer, in order (a new array). */
    public int[] inSizes() {
        return java.util.stream.IntStream.range(0, numLayers()).map(this::in).toArray();
    }

    /** {@link #out(int)} of every layer, in order (a new array). */
    public int[] outSizes() {
        return java.util.stream.IntStream.range(0, numLayers()).map(this::out).toArray();
    }

    /** {@link #weightOffset(int)} of every layer, in order (a new array). */
    public int[] weightOffsets() {
        return java.util.stream.IntStream.range(0, numLayers()).map(this::weightOffset).toArray();
    }

    /** {@link #biasOffset(int)} of every layer (-1 without bias), in order (a new array). */
    public int[] biasOffsets() {
        return java.util.stream.IntStream.range(0, numLayers()).map(this::biasOffset).toArray();
    }

    /**
     * Checks a time scale {@code t_max} (the last network input is {@code t / t_max}).
     *
     * @throws IllegalArgumentException unless it is finite and &gt; 0
     */
    public static void requireTimeScale(double tMax) {
        if (!(tMax > 0) || !Double.isFinite(tMax)) {
            throw new IllegalArgumentException("tMax must be finite and > 0, got " + tMax);
        }
    }

    /** Total number of parameters P (all weights and biases). */
    public int numParams() {
        return (int) countParams(stateDim, width, depth, useFinalBias);
    }

    private void checkLayer(int l) {
        if (l < 0 || l > depth) {
            throw new IndexOutOfBoundsException("layer " + l + " not in [0, " + depth + "]");
        }
    }

    /**
     * The parameter count of an architecture, as a long (for sizes the constructor refuses): S states, width,
     * depth and whether the last layer has a bias.
     */
    public static long countParams(int s, int w, int depth, boolean finalBias) {
        if (depth == 0) {
            return (long) s * (s + 1) + (finalBias ? s : 0);
        }
        long first = (long) w * (s + 1) + w;
        long hidden = (long) (depth - 1) * ((long) w * w + w);
        long last = (long) s * w + (finalBias ? s : 0);
        return first + hidden + last;
    }
}

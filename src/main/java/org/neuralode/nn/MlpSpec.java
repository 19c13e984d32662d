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
 * The input is {@code [y_1..y_S, t / t_max]} (S+1 values), the output {@code dy/dt} (S values). An RBF
 * network ({@link #rbf()} set, Catalax's {@code activation=RBFLayer(gamma)}) has activation identity and an
 * {@link Rbf} layer with its own centres {@code mu [width]} after every hidden layer instead.
 *
 * <p><b>Parameter layout.</b> One flat {@code double[] theta} of length {@link #numParams()}; layer by
 * layer in order, the weight matrix {@code [out][in]} stored row-major (element {@code (i, j)} at
 * {@code weightOffset(l) + i * in(l) + j}), then that layer's bias {@code [out]} if it has one (at
 * {@code biasOffset(l)}), then in an RBF network a hidden layer's centres {@code [out]} (at
 * {@code centreOffset(l)}). This is the order and shape of equinox's array leaves, so a Catalax {@code .eqx}
 * file's arrays concatenate to exactly this vector (its RBF layers' {@code gamma} scalars aside). Example:
 * S=1, width 4, depth 2 -> 4x2 + 4 + 4x4 + 4 + 1x4 = 36 parameters (44 with RBF layers).
 *
 * @param stateDim     S, number of states (>= 1)
 * @param width        hidden width (>= 1; unused when depth == 0)
 * @param depth        number of hidden layers (>= 0; >= 1 with RBF layers)
 * @param activation   hidden-layer activation (not applied after the last layer; identity with RBF layers)
 * @param useFinalBias whether the last layer has a bias (Catalax default false)
 * @param rbf          the RBF layers after the hidden layers, or null for none
 */
public record MlpSpec(int stateDim, int width, int depth, Activation activation, boolean useFinalBias, Rbf rbf)
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
        if (rbf != null && (depth < 1 || activation != Activation.IDENTITY)) {
            throw new IllegalArgumentException("RBF layers need depth >= 1 (they follow the hidden layers) and "
                    + "activation identity (they replace it), got depth " + depth + ", " + activation);
        }
        long n = countParams(stateDim, width, depth, useFinalBias, rbf != null);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many parameters: " + n);
        }
    }

    /** Without RBF layers. */
    public MlpSpec(int stateDim, int width, int depth, Activation activation, boolean useFinalBias) {
        this(stateDim, width, depth, activation, useFinalBias, null);
    }

    /** Catalax's default architecture: no bias on the last layer, no RBF layers. */
    public MlpSpec(int stateDim, int width, int depth, Activation activation) {
        this(stateDim, width, depth, activation, false);
    }

    /** An RBF network (activation identity, an {@link Rbf} layer of this gamma after every hidden layer). */
    public static MlpSpec rbfNetwork(int stateDim, int width, int depth, boolean useFinalBias, double gamma) {
        return new MlpSpec(stateDim, width, depth, Activation.IDENTITY, useFinalBias, new Rbf(gamma));
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

    /** Whether layer {@code l} is followed by an RBF layer with centres: every hidden layer of an RBF network. */
    public boolean hasCentres(int l) {
        checkLayer(l);
        return rbf != null && l < depth;
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

    /** Offset in theta of the centres of the RBF layer after layer {@code l}, or -1 when it has none. */
    public int centreOffset(int l) {
        return hasCentres(l) ? biasOffset(l) + out(l) : -1;
    }

    /** Number of parameters in layer {@code l} (weight, bias, centres). */
    public int layerSize(int l) {
        return out(l) * in(l) + (hasBias(l) ? out(l) : 0) + (hasCentres(l) ? out(l) : 0);
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

    /** {@link #centreOffset(int)} of every layer (-1 without centres), in order (a new array). */
    public int[] centreOffsets() {
        return java.util.stream.IntStream.range(0, numLayers()).map(this::centreOffset).toArray();
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

    /** Total number of parameters P (all weights, biases and centres). */
    public int numParams() {
        return (int) countParams(stateDim, width, depth, useFinalBias, rbf != null);
    }

    private void checkLayer(int l) {
        if (l < 0 || l > depth) {
            throw new IndexOutOfBoundsException("layer " + l + " not in [0, " + depth + "]");
        }
    }

    /**
     * The parameter count of an architecture, as a long (for sizes the constructor refuses): S states, width,
     * depth, whether the last layer has a bias and whether RBF layers (width centres each) follow the hidden
     * layers.
     */
    public static long countParams(int s, int w, int depth, boolean finalBias, boolean rbf) {
        if (depth == 0) {
            return (long) s * (s + 1) + (finalBias ? s : 0);
        }
        long first = (long) w * (s + 1) + w;
        long hidden = (long) (depth - 1) * ((long) w * w + w);
        long last = (long) s * w + (finalBias ? s : 0);
        long centres = rbf ? (long) depth * w : 0;
        return first + hidden + last + centres;
    }
}

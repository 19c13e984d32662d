package org.neuralode.io.model;

/**
 * The NumPy element types found in Catalax {@code .eqx} files, by their {@code descr} string.
 * Multi-byte types are little-endian.
 */
public enum NpyDtype {
    /** float32, the type of JAX arrays (weights, biases, a trained {@code max_time}). */
    F4("<f4", 4),
    /** float64, a Python float hyperparameter. */
    F8("<f8", 8),
    /** int32, a Python int saved on a platform whose default integer is 32-bit. */
    I4("<i4", 4),
    /** int64, a Python int (observable indices, data_size, depth, width_size). */
    I8("<i8", 8),
    /** bool, one byte 0 or 1 (rbf, use_final_bias). */
    B1("|b1", 1);

    private final String descr;
    private final int itemSize;

    NpyDtype(String descr, int itemSize) {
        this.descr = descr;
        this.itemSize = itemSize;
    }

    /** NumPy's {@code descr}, e.g. {@code "<f4"}. */
    public String descr() {
        return descr;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** Whether this is a floating-point type. */
    public boolean isFloat() {
        return this == F4 || this == F8;
    }

    /** Whether this is an integer type. */
    public boolean isInteger() {
        return this == I4 || this == I8;
    }

    /** The dtype with this descr, or null when unsupported. */
    public static NpyDtype byDescr(String descr) {
        for (NpyDtype d : values()) {
            if (d.descr.equals(descr)) {
                return d;
            }
        }
        return null;
    }
}

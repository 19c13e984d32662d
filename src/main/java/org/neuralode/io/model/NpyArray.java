package org.neuralode.io.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One NumPy array as stored in a {@code .npy} record: element type, shape and the raw little-endian,
 * C-order element bytes (kept as read, so a write reproduces them exactly). An immutable value: the
 * constructor and the accessors copy the arrays.
 *
 * @param dtype element type
 * @param shape dimensions ({@code {}} for a 0-d scalar), each >= 0
 * @param data  {@code dtype.itemSize() * size()} bytes, C order
 */
public record NpyArray(NpyDtype dtype, int[] shape, byte[] data) {

    /** Validates and copies. @throws IllegalArgumentException on a negative dimension or a size mismatch */
    public NpyArray {
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        data = data.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.min(n * d, Integer.MAX_VALUE + 1L); // saturate: anything larger cannot match data
        }
        if (n * dtype.itemSize() != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype.descr()
                    + " needs " + n * dtype.itemSize() + " bytes, got " + data.length);
        }
    }

    /** A float32 array of this shape, from doubles rounded to the nearest float. */
    public static NpyArray ofFloat32(int[] shape, double[] values, int offset) {
        int n = count(shape);
        ByteBuffer b = buffer(n * 4);
        for (int i = 0; i < n; i++) {
            b.putFloat((float) values[offset + i]);
        }
        return new NpyArray(NpyDtype.F4, shape, b.array());
    }

    /** A 0-d float32 scalar. */
    public static NpyArray scalarFloat32(double value) {
        return new NpyArray(NpyDtype.F4, new int[0], buffer(4).putFloat((float) value).array());
    }

    /** A 0-d float64 scalar (a Python float). */
    public static NpyArray scalarFloat64(double value) {
        return new NpyArray(NpyDtype.F8, new int[0], buffer(8).putDouble(value).array());
    }

    /** A 0-d int64 scalar (a Python int). */
    public static NpyArray scalarInt64(long value) {
        return new NpyArray(NpyDtype.I8, new int[0], buffer(8).putLong(value).array());
    }

    /** A 0-d bool scalar (a Python bool). */
    public static NpyArray scalarBool(boolean value) {
        return new NpyArray(NpyDtype.B1, new int[0], new byte[] {(byte) (value ? 1 : 0)});
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Number of dimensions (0 for a scalar). */
    public int ndim() {
        return shape.length;
    }

    /** Number of elements (1 for a scalar). */
    public int size() {
        return count(shape);
    }

    /** Whether the shape equals {@code expected}. */
    public boolean hasShape(int... expected) {
        return Arrays.equals(shape, expected);
    }

    /** Element {@code i} (C order) as a double: floats widened exactly, integers converted, bools 0/1. */
    public double getDouble(int i) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        return switch (dtype) {
            case F4 -> b.getFloat(4 * i);
            case F8 -> b.getDouble(8 * i);
            case I4 -> b.getInt(4 * i);
            case I8 -> b.getLong(8 * i);
            case B1 -> data[i] != 0 ? 1.0 : 0.0;
        };
    }

    /** Element {@code i} of an integer or bool array as a long. @throws IllegalStateException for floats */
    public long getLong(int i) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        return switch (dtype) {
            case I4 -> b.getInt(4 * i);
            case I8 -> b.getLong(8 * i);
            case B1 -> data[i] != 0 ? 1 : 0;
            case F4, F8 -> throw new IllegalStateException(dtype.descr() + " is not an integer type");
        };
    }

    /** All elements as doubles (C order). */
    public double[] toDoubles() {
        double[] v = new double[size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = getDouble(i);
        }
        return v;
    }

    /** Equal when dtype, shape and bytes are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && dtype == a.dtype && Arrays.equals(shape, a.shape)
                && Arrays.equals(data, a.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype.descr() + " " + Arrays.toString(shape) + "]";
    }

    private static int count(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    private static ByteBuffer buffer(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}

package org.neuralode.io.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * The NumPy records equinox writes for the leaves of a JSON-like Python value (Catalax's
 * {@code hyperparameters} dict): JAX flattens dicts in sorted key order and lists in order; equinox saves
 * every int ({@code <i8}), float ({@code <f8}) and bool ({@code |b1}) leaf as a 0-d array and skips
 * strings and None. Stateless.
 */
final class EqxLeaves {

    private EqxLeaves() {
    }

    /** The records for {@code value}, in file order. */
    static List<NpyArray> of(JsonNode value) {
        List<NpyArray> out = new ArrayList<>();
        collect(value, out);
        return out;
    }

    private static void collect(JsonNode v, List<NpyArray> out) {
        if (v.isBoolean()) {
            out.add(NpyArray.scalarBool(v.booleanValue()));
        } else if (v.isIntegralNumber()) {
            out.add(NpyArray.scalarInt64(v.longValue()));
        } else if (v.isNumber()) {
            out.add(NpyArray.scalarFloat64(v.doubleValue()));
        } else if (v.isArray()) {
            for (JsonNode e : v) {
                collect(e, out);
            }
        } else if (v.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            Iterator<String> it = v.fieldNames();
            it.forEachRemaining(keys::add);
            for (String k : keys) {
                collect(v.get(k), out);
            }
        }
    }

    /**
     * Whether a record read from a file holds the same leaf as {@code expected}: same kind (bool, integer
     * of any width, float of any width), 0-d, same value.
     */
    static boolean sameLeaf(NpyArray expected, NpyArray actual) {
        if (actual.ndim() != 0) {
            return false;
        }
        NpyDtype e = expected.dtype();
        NpyDtype a = actual.dtype();
        boolean sameKind = e == a || (e.isInteger() && a.isInteger()) || (e.isFloat() && a.isFloat());
        if (!sameKind) {
            return false;
        }
        return e.isFloat() ? Double.compare(expected.getDouble(0), actual.getDouble(0)) == 0
                : expected.getLong(0) == actual.getLong(0);
    }
}

package org.neuralode.spark.avg;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neuralode.data.Measurement;

/**
 * A {@link Measurement} in a form Java serialisation accepts (the record itself is not
 * {@link Serializable}), so base measurements can travel to executors inside a shard's description.
 * Map order is kept; arrays are shared with the measurement, never written.
 *
 * @param index             position of the measurement in the training side (keys its augmentation noise)
 * @param id                measurement id
 * @param name              display name, may be null
 * @param description       may be null
 * @param initialConditions symbol -> initial value
 * @param time              times, length T
 * @param data              state -> observed series, length T each, NaN = missing
 */
record PortableMeasurement(int index, String id, String name, String description,
                           LinkedHashMap<String, Double> initialConditions, double[] time,
                           LinkedHashMap<String, double[]> data) implements Serializable {

    /** Measurement {@code m} at position {@code index} of its dataset. */
    static PortableMeasurement of(int index, Measurement m) {
        return new PortableMeasurement(index, m.id(), m.name(), m.description(),
                new LinkedHashMap<>(m.initialConditions()), m.time(), new LinkedHashMap<>(m.data()));
    }

    /** The measurement again (same values, same map order). */
    Measurement toMeasurement() {
        Map<String, Double> ic = new LinkedHashMap<>(initialConditions);
        Map<String, double[]> d = new LinkedHashMap<>(data);
        return new Measurement(id, name, description, ic, time, d);
    }
}

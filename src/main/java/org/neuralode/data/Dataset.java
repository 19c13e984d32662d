package org.neuralode.data;

import java.util.List;

/**
 * An ordered collection of measurements over the same species.
 *
 * @param id           dataset id
 * @param name         display name (Croissant {@code name})
 * @param description  may be null
 * @param states       state symbols, sorted (Catalax's order everywhere)
 * @param measurements in file order
 */
public record Dataset(String id, String name, String description, List<String> states,
                      List<Measurement> measurements) {

    /** Number of measurements. */
    public int size() {
        return measurements.size();
    }
}

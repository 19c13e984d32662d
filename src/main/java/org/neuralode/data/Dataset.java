package org.neuralode.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.neuralode.InputException;

/**
 * An ordered collection of measurements over the same species.
 *
 * <p>Treated as immutable (the list and the measurements are never modified); safe to share between
 * threads and to broadcast.
 *
 * @param id           dataset id
 * @param name         display name (Croissant {@code name})
 * @param description  may be null
 * @param states       state symbols, sorted (Catalax's order everywhere)
 * @param measurements in file order
 */
public record Dataset(String id, String name, String description, List<String> states,
                      List<Measurement> measurements) {

    /**
     * A dataset whose states are the sorted union of the measurements' data keys.
     *
     * @param measurements in the order to keep; copied
     */
    public static Dataset of(String id, String name, String description, List<Measurement> measurements) {
        Set<String> states = new TreeSet<>();
        for (Measurement m : measurements) {
            states.addAll(m.data().keySet());
        }
        return new Dataset(id, name, description, List.copyOf(states), List.copyOf(measurements));
    }

    /** Number of measurements. */
    public int size() {
        return measurements.size();
    }

    /** Measurement ids in dataset order. */
    public List<String> ids() {
        List<String> out = new ArrayList<>(measurements.size());
        for (Measurement m : measurements) {
            out.add(m.id());
        }
        return out;
    }

    /** The measurement with this id, if any. */
    public Optional<Measurement> byId(String measurementId) {
        for (Measurement m : measurements) {
            if (m.id().equals(measurementId)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /**
     * The same dataset (id, name, description, states) with other measurements; states are kept even if
     * the new measurements do not use all of them, so a subset keeps the model's state order.
     *
     * @param subset the measurements, in the order to keep; copied
     */
    public Dataset withMeasurements(List<Measurement> subset) {
        return new Dataset(id, name, description, states, List.copyOf(subset));
    }

    /**
     * The measurements with the given ids, in dataset order (not in the order of {@code ids}).
     *
     * @throws InputException naming the first id that is not in this dataset
     */
    public Dataset select(Collection<String> measurementIds) {
        Set<String> wanted = new LinkedHashSet<>(measurementIds);
        Set<String> known = new LinkedHashSet<>(ids());
        for (String id : wanted) {
            if (!known.contains(id)) {
                throw new InputException("dataset '" + name + "'", "no measurement with id '" + id + "'");
            }
        }
        List<Measurement> out = new ArrayList<>();
        for (Measurement m : measurements) {
            if (wanted.contains(m.id())) {
                out.add(m);
            }
        }
        return withMeasurements(out);
    }
}

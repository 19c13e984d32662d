package org.neuralode.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuralode.InputException;
import org.neuralode.NestingDepth;

/**
 * Reads the JSON that Catalax's {@code Model.save} writes: {@code name}, {@code species} or
 * {@code states} ({@code {name, symbol[, type, initial_value]}}; an initial value is used where the data
 * give none, e.g. for a species the data do not observe), optional {@code constants}
 * ({@code {name, symbol}}), optional {@code assignments} ({@code {symbol, equation[, name, unit,
 * description]}}: named expressions of {@code t}, species, constants, parameters and each other),
 * {@code odes} ({@code {species|state, equation[, observable]}}) and {@code parameters}
 * ({@code {name, symbol, value, constant[, prior, initial_value, lower_bound, upper_bound, hdi,
 * identifiability]}}; a missing or null value becomes NaN). Bounds, uniform priors and initial values
 * become {@link FitSettings} for fitting; other priors, HDIs and the like are accepted and ignored;
 * reactions are not supported and rejected when non-empty. A parameter's {@code symbol} is what
 * equations use. Maps and lists may nest at most {@link NestingDepth#MAX_DEPTH} levels.
 */
final class CatalaxModelReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CatalaxModelReader() {
    }

    static MechanisticModel read(String text, String file) {
        StrictObject doc = document(text, file);
        Map<String, String> species = new LinkedHashMap<>();
        Map<String, Double> initials = new LinkedHashMap<>();
        forEach(doc, doc.has("states") ? "states" : "species", o -> {
            o.allowOnly("name", "symbol", "type", "initial_value");
            species.put(o.text("symbol"), o.text("name", o.text("symbol")));
            if (o.has("initial_value")) {
                initials.put(o.text("symbol"), o.number("initial_value"));
            }
        });
        List<String> constants = new ArrayList<>();
        forEachIfPresent(doc, "constants", o -> constants.add(o.allowOnly("name", "symbol").text("symbol")));
        Map<String, String> assignments = new LinkedHashMap<>();
        forEachIfPresent(doc, "assignments", o -> putOnce(assignments,
                o.allowOnly("symbol", "name", "equation", "unit", "description").text("symbol"), o, "assignment"));
        Map<String, String> odes = new LinkedHashMap<>();
        forEach(doc, "odes", o -> putOnce(odes, o.allowOnly("species", "state", "equation", "observable")
                .text(o.has("state") ? "state" : "species"), o, "equation for species"));
        Map<String, Double> parameters = new LinkedHashMap<>();
        Map<String, FitSettings> fitting = new LinkedHashMap<>();
        forEach(doc, "parameters", o -> parameter(o, parameters, fitting));
        return MechanisticModel.of(file, doc.text("name"), species, constants, parameters, assignments, odes, null)
                .withFitSettings(fitting).withInitialValues(initials);
    }

    /** The parsed document, its nesting and top-level keys checked. */
    private static StrictObject document(String text, String file) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputException(file, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        NestingDepth.require(root, file);
        StrictObject doc = new StrictObject(root, file, "")
                .allowOnly("name", "species", "states", "constants", "odes", "parameters", "assignments", "reactions");
        if (doc.has("reactions") && doc.array("reactions").size() > 0) {
            throw new InputException(doc.where("reactions"), "Catalax reactions are not supported; write them into"
                    + " the ODE equations");
        }
        return doc;
    }

    /** One entry of {@code parameters}: its value into {@code values}, its bounds and start into {@code fitting}. */
    private static void parameter(StrictObject o, Map<String, Double> values, Map<String, FitSettings> fitting) {
        o.allowOnly("name", "symbol", "value", "constant", "prior", "initial_value", "lower_bound", "upper_bound",
                "hdi", "identifiability", "equation");
        if (o.has("equation")) {
            throw new InputException(o.where("equation"), "parameters defined by equations are not supported");
        }
        String symbol = o.has("symbol") ? o.text("symbol") : o.text("name");
        values.put(symbol, o.has("value") ? o.number("value") : Double.NaN);
        fitting.put(symbol, fitSettings(o));
    }

    /** Puts the entry's {@code equation} under {@code symbol}, which must not have one yet. */
    private static void putOnce(Map<String, String> into, String symbol, StrictObject entry, String what) {
        if (into.put(symbol, entry.text("equation")) != null) {
            throw new InputException(entry.where("equation"), "second " + what + " '" + symbol + "'");
        }
    }

    /**
     * A parameter's bounds and start: {@code lower_bound}/{@code upper_bound} where given, else a uniform
     * prior's {@code low}/{@code high}; {@code initial_value} as the start. Other priors set no bounds.
     */
    private static FitSettings fitSettings(StrictObject o) {
        double lower = o.number("lower_bound", Double.NEGATIVE_INFINITY);
        double upper = o.number("upper_bound", Double.POSITIVE_INFINITY);
        if (o.has("prior")) {
            StrictObject prior = o.object("prior");
            if ("Uniform".equals(prior.text("type", "")) && prior.has("low") && prior.has("high")) {
                lower = o.has("lower_bound") ? lower : prior.number("low");
                upper = o.has("upper_bound") ? upper : prior.number("high");
            }
        }
        return new FitSettings(lower, upper, o.number("initial_value", Double.NaN)).check(o.where("prior"));
    }

    private interface EntryReader {
        void read(StrictObject entry);
    }

    private static void forEachIfPresent(StrictObject doc, String key, EntryReader reader) {
        if (doc.has(key)) {
            forEach(doc, key, reader);
        }
    }

    private static void forEach(StrictObject doc, String key, EntryReader reader) {
        JsonNode list = doc.array(key);
        for (int i = 0; i < list.size(); i++) {
            reader.read(new StrictObject(list.get(i), doc.file(), doc.childPath(key + "[" + i + "]")));
        }
    }
}

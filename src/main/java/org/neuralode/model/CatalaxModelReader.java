package org.neuralode.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuralode.InputException;

/**
 * Reads the JSON that Catalax's {@code Model.save} writes: {@code name}, {@code species} or
 * {@code states} ({@code {name, symbol[, type]}}), optional {@code constants} ({@code {name, symbol}}),
 * {@code odes} ({@code {species|state, equation[, observable]}}) and {@code parameters}
 * ({@code {name, symbol, value, constant[, prior, initial_value, lower_bound, upper_bound, hdi,
 * identifiability]}}; a missing or null value becomes NaN). Bounds, uniform priors and initial values
 * become {@link FitSettings} for fitting; other priors, HDIs and the like are accepted and ignored;
 * assignments and reactions are not supported and rejected when non-empty. A
 * parameter's {@code symbol} is what equations use.
 */
final class CatalaxModelReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CatalaxModelReader() {
    }

    static MechanisticModel read(String text, String file) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputException(file, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        StrictObject doc = new StrictObject(root, file, "")
                .allowOnly("name", "species", "states", "constants", "odes", "parameters", "assignments", "reactions");
        for (String unsupported : new String[] {"assignments", "reactions"}) {
            if (doc.has(unsupported) && doc.array(unsupported).size() > 0) {
                throw new InputException(doc.where(unsupported), "Catalax " + unsupported + " are not supported;"
                        + " write them into the ODE equations");
            }
        }
        String speciesKey = doc.has("states") ? "states" : "species";
        Map<String, String> species = new LinkedHashMap<>();
        forEach(doc, speciesKey, o -> {
            o.allowOnly("name", "symbol", "type");
            species.put(o.text("symbol"), o.text("name", o.text("symbol")));
        });
        List<String> constants = new ArrayList<>();
        if (doc.has("constants")) {
            forEach(doc, "constants", o -> constants.add(o.allowOnly("name", "symbol").text("symbol")));
        }
        Map<String, String> odes = new LinkedHashMap<>();
        forEach(doc, "odes", o -> {
            o.allowOnly("species", "state", "equation", "observable");
            String s = o.has("state") ? o.text("state") : o.text("species");
            if (odes.put(s, o.text("equation")) != null) {
                throw new InputException(o.where("equation"), "second equation for species '" + s + "'");
            }
        });
        Map<String, Double> parameters = new LinkedHashMap<>();
        Map<String, FitSettings> fitting = new LinkedHashMap<>();
        forEach(doc, "parameters", o -> {
            o.allowOnly("name", "symbol", "value", "constant", "prior", "initial_value", "lower_bound",
                    "upper_bound", "hdi", "identifiability", "equation");
            if (o.has("equation")) {
                throw new InputException(o.where("equation"), "parameters defined by equations are not supported");
            }
            String symbol = o.has("symbol") ? o.text("symbol") : o.text("name");
            parameters.put(symbol, o.has("value") ? o.number("value") : Double.NaN);
            fitting.put(symbol, fitSettings(o));
        });
        return MechanisticModel.of(file, doc.text("name"), species, constants, parameters, odes, null)
                .withFitSettings(fitting);
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

    private static void forEach(StrictObject doc, String key, EntryReader reader) {
        JsonNode list = doc.array(key);
        for (int i = 0; i < list.size(); i++) {
            reader.read(new StrictObject(list.get(i), doc.file(), doc.childPath(key + "[" + i + "]")));
        }
    }
}

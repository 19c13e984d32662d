package org.neuralode.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuralode.InputException;
import org.neuralode.NestingDepth;

/**
 * Reads this project's YAML model format:
 * <pre>
 * name: Michaelis-Menten
 * species: [S, P]              # or {symbol: C, name: complex, initial: 0.0}: a species with an initial
 *                              # value, used where the data give none (a species the data do not observe)
 * constants: []                # symbols whose values come from each measurement's initial conditions
 * parameters: {v_max: 7.0, K_m: 100.0}   # or K_m: {value: 100, lower: 1, upper: 1000, initial: 10}
 *                              # (bounds and the start of a fit; each optional but value)
 * assignments: {v: "v_max*S/(K_m + S)"}  # optional: named expressions of t, species, constants,
 *                              # parameters and other assignments (any order; no cycles)
 * odes: {S: "-v", P: "v"}
 * simulation:                  # optional: the design Simulator.simulate uses
 *   time: {start: 0, stop: 100, points: 20}
 *   groups:
 *     - {initial: {S: 300}, replicates: 3, spread: 0.05}
 *   seed: 1
 *   noise: {sigma: 0.0, multiplicative: false}
 * </pre>
 * Unknown keys are rejected, naming the key path. Maps and lists may nest at most
 * {@link NestingDepth#MAX_DEPTH} levels.
 */
final class YamlModelReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private YamlModelReader() {
    }

    static MechanisticModel read(String text, String file) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputException(file, "not valid YAML: " + e.getOriginalMessage(), e);
        }
        NestingDepth.require(root, file);
        StrictObject doc = new StrictObject(root, file, "")
                .allowOnly("name", "species", "constants", "parameters", "assignments", "odes", "simulation");
        Map<String, Double> initials = new LinkedHashMap<>();
        Map<String, String> species = symbolList(doc, "species", initials);
        List<String> constants = doc.has("constants")
                ? new ArrayList<>(symbolList(doc, "constants", null).keySet()) : List.of();
        StrictObject params = doc.object("parameters");
        Map<String, Double> parameters = new LinkedHashMap<>();
        Map<String, FitSettings> fitting = new LinkedHashMap<>();
        for (String key : params.keys()) {
            JsonNode v = params.get(key);
            if (v != null && v.isObject()) { // {value, lower, upper, initial}: bounds and start for fitting
                StrictObject p = params.object(key).allowOnly("value", "lower", "upper", "initial");
                parameters.put(key, p.number("value"));
                fitting.put(key, new FitSettings(p.number("lower", Double.NEGATIVE_INFINITY),
                        p.number("upper", Double.POSITIVE_INFINITY), p.number("initial", Double.NaN))
                        .check(params.where(key)));
            } else {
                parameters.put(key, params.number(key));
            }
        }
        Map<String, String> assignments = doc.has("assignments") ? texts(doc.object("assignments")) : Map.of();
        MechanisticModel model = MechanisticModel.of(file, doc.text("name"), species, constants, parameters,
                assignments, texts(doc.object("odes")), null).withFitSettings(fitting).withInitialValues(initials);
        // the design is read after the model validated, so its messages can rely on valid symbols
        return doc.has("simulation") ? model.withSimulation(design(doc.object("simulation"), model)) : model;
    }

    /** Every value of a map of symbol -&gt; expression text, in document order. */
    private static Map<String, String> texts(StrictObject map) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : map.keys()) {
            out.put(key, map.text(key));
        }
        return out;
    }

    /**
     * A list of symbols, each a plain string or {@code {symbol, name}} (species also {@code initial}, put
     * into {@code initials}; null for a list without initial values); returns symbol -&gt; name.
     */
    private static Map<String, String> symbolList(StrictObject doc, String key, Map<String, Double> initials) {
        JsonNode list = doc.array(key);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String path = key + "[" + i + "]";
            String symbol;
            String name;
            if (item.isTextual()) {
                symbol = item.asText();
                name = symbol;
            } else {
                StrictObject o = new StrictObject(item, doc.file(), path);
                if (initials == null) {
                    o.allowOnly("symbol", "name");
                } else {
                    o.allowOnly("symbol", "name", "initial");
                }
                symbol = o.text("symbol");
                name = o.text("name", symbol);
                if (o.has("initial")) {
                    initials.put(symbol, o.number("initial"));
                }
            }
            if (out.put(symbol, name) != null) {
                throw new InputException(StrictObject.where(doc.file(), path), "duplicate symbol '" + symbol + "'");
            }
        }
        return out;
    }

    private static SimulationDesign design(StrictObject sim, MechanisticModel model) {
        sim.allowOnly("time", "groups", "seed", "noise");
        StrictObject time = sim.object("time").allowOnly("start", "stop", "points");
        double start = time.number("start", 0.0);
        double stop = time.number("stop");
        long points = time.integer("points", 0);
        if (!(start >= 0) || points < 1 || points > 1_000_000 || (points > 1 && !(stop > start))) {
            throw new InputException(sim.where("time"), "need 0 <= start < stop and 1 <= points <= 1e6; got start "
                    + start + ", stop " + stop + ", points " + points);
        }
        JsonNode groupList = sim.array("groups");
        List<SimulationDesign.Group> groups = new ArrayList<>();
        for (int g = 0; g < groupList.size(); g++) {
            groups.add(group(new StrictObject(groupList.get(g), sim.file(), sim.childPath("groups[" + g + "]")),
                    model));
        }
        if (groups.isEmpty()) {
            throw new InputException(sim.where("groups"), "at least one group is needed");
        }
        SimulationDesign.Noise noise = SimulationDesign.Noise.NONE;
        if (sim.has("noise")) {
            StrictObject n = sim.object("noise").allowOnly("sigma", "multiplicative");
            double sigma = n.number("sigma", 0.0);
            if (!(sigma >= 0) || Double.isInfinite(sigma)) {
                throw new InputException(n.where("sigma"), "must be finite and >= 0, got " + sigma);
            }
            noise = new SimulationDesign.Noise(sigma, n.bool("multiplicative", false));
        }
        return new SimulationDesign(new SimulationDesign.TimeGrid(start, stop, (int) points), groups,
                sim.integer("seed", 0), noise);
    }

    /** A group; its {@code initial} may leave out species whose initial value the model gives. */
    private static SimulationDesign.Group group(StrictObject g, MechanisticModel model) {
        g.allowOnly("initial", "replicates", "spread");
        StrictObject init = g.object("initial");
        Map<String, Double> initial = new LinkedHashMap<>();
        for (String key : init.keys()) {
            if (!model.species().contains(key) && !model.constants().contains(key)) {
                throw new InputException(init.where(key), "'" + key + "' is neither a species nor a constant");
            }
            initial.put(key, init.number(key));
        }
        List<String> needed = new ArrayList<>(model.species());
        needed.removeAll(model.initialValues().keySet());
        needed.addAll(model.constants());
        for (String s : needed) {
            if (!initial.containsKey(s)) {
                throw new InputException(g.where("initial"), "no initial value for '" + s + "'");
            }
        }
        long replicates = g.integer("replicates", 1);
        double spread = g.number("spread", 0.0);
        if (replicates < 1 || replicates > 100_000) {
            throw new InputException(g.where("replicates"), "must be between 1 and 100000, got " + replicates);
        }
        if (!(spread >= 0 && spread < 1)) {
            throw new InputException(g.where("spread"), "must be in [0, 1), got " + spread);
        }
        return new SimulationDesign.Group(initial, (int) replicates, spread);
    }
}

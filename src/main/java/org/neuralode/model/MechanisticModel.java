package org.neuralode.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.neuralode.InputException;

/**
 * A mechanistic ODE model: {@code d species / dt = equation(t, species, constants, parameters, assignments)}.
 *
 * <p>Species are kept sorted by symbol (Catalax's state order); constants are sorted too; parameters
 * keep their declaration order, which is the order of {@code theta} in {@link MechanisticField}.
 * Assignments are named derived expressions (of {@code t}, species, constants, parameters and each other),
 * kept in dependency order so that each follows those it uses. Equations and assignments are compiled
 * against the slots {@code [t, species..., constants..., parameters..., assignments...]}. A species may
 * carry an initial value, used when the data do not give one (a species the data do not observe).
 * Immutable and thread-safe.
 */
public final class MechanisticModel {

    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** The time symbol usable in equations. */
    public static final String TIME = "t";

    /** What the model file defines, compiled. */
    private record Core(String name, List<String> species, Map<String, String> speciesNames, List<String> constants,
                        Map<String, Double> parameters, Map<String, String> assignments,
                        Map<String, String> equations, List<Expression> compiledAssignments,
                        List<Expression> compiled) {
    }

    private final Core core;
    private final SimulationDesign simulation;
    private final Map<String, FitSettings> fitSettings;
    private final Map<String, Double> initialValues;

    private MechanisticModel(Core core, SimulationDesign simulation, Map<String, FitSettings> fitSettings,
                             Map<String, Double> initialValues) {
        this.core = core;
        this.simulation = simulation;
        this.fitSettings = fitSettings;
        this.initialValues = initialValues;
    }

    /**
     * Builds and validates a model.
     *
     * @param source       the file (or other origin) named in error messages
     * @param name         display name
     * @param speciesNames species symbol -&gt; display name (order irrelevant; sorted here)
     * @param constants    constant symbols
     * @param parameters   parameter symbol -&gt; value (NaN: unknown), in theta order
     * @param assignments  assignment symbol -&gt; expression text, in any order (none: empty)
     * @param odes         species symbol -&gt; equation text, exactly one per species
     * @param simulation   the design {@link Simulator#simulate} uses, or null
     * @throws InputException naming the symbol or equation at fault, or the assignments that form a cycle
     */
    public static MechanisticModel of(String source, String name, Map<String, String> speciesNames,
                                      List<String> constants, Map<String, Double> parameters,
                                      Map<String, String> assignments, Map<String, String> odes,
                                      SimulationDesign simulation) {
        List<String> species = new ArrayList<>(new TreeMap<>(speciesNames).keySet());
        List<String> sortedConstants = new ArrayList<>(constants);
        Collections.sort(sortedConstants);
        List<String> slots = new ArrayList<>();
        slots.add(TIME);
        slots.addAll(species);
        slots.addAll(sortedConstants);
        slots.addAll(parameters.keySet());
        List<String> all = new ArrayList<>(slots);
        all.addAll(assignments.keySet());
        checkSymbols(source, all);
        if (species.isEmpty()) {
            throw new InputException(source, "the model has no species");
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String a : AssignmentOrder.of(source, assignments, slots)) {
            ordered.put(a, assignments.get(a));
        }
        slots.addAll(ordered.keySet());
        List<Expression> compiledAssignments = new ArrayList<>();
        ordered.forEach((a, text) -> compiledAssignments.add(Expression.parse(text, source + ": assignments." + a,
                slots)));
        Map<String, String> eqs = equations(source, species, odes);
        List<Expression> compiled = new ArrayList<>();
        eqs.forEach((s, text) -> compiled.add(Expression.parse(text, source + ": odes." + s, slots)));
        Core core = new Core(name, List.copyOf(species), Collections.unmodifiableMap(new TreeMap<>(speciesNames)),
                List.copyOf(sortedConstants), Collections.unmodifiableMap(new LinkedHashMap<>(parameters)),
                Collections.unmodifiableMap(ordered), Collections.unmodifiableMap(eqs),
                List.copyOf(compiledAssignments), List.copyOf(compiled));
        return new MechanisticModel(core, simulation, Map.of(), Map.of());
    }

    /** The equation texts in species order, after checking there is exactly one per species. */
    private static Map<String, String> equations(String source, List<String> species, Map<String, String> odes) {
        for (String s : odes.keySet()) {
            if (!species.contains(s)) {
                throw new InputException(source + ": odes." + s, "equation for '" + s + "', which is not a species ("
                        + String.join(", ", species) + ")");
            }
        }
        Map<String, String> eqs = new LinkedHashMap<>();
        for (String s : species) {
            String text = odes.get(s);
            if (text == null) {
                throw new InputException(source + ": odes", "species '" + s + "' has no equation");
            }
            eqs.put(s, text);
        }
        return eqs;
    }

    /**
     * Reads a model file: Catalax model JSON ({@code .json}) or this project's YAML ({@code .yaml},
     * {@code .yml}).
     */
    public static MechanisticModel load(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read model file: " + e.getMessage(), e);
        }
        return load(content, file.toString());
    }

    /**
     * Parses model file content (UTF-8); the format follows the extension of {@code name}: Catalax model
     * JSON ({@code .json}) or YAML ({@code .yaml}, {@code .yml}).
     *
     * @param name the file name or location, also named in errors
     */
    public static MechanisticModel load(byte[] content, String name) {
        String text = new String(content, StandardCharsets.UTF_8);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return CatalaxModelReader.read(text, name);
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return YamlModelReader.read(text, name);
        }
        throw new InputException(name, "unknown model format; expected .json (Catalax) or .yaml/.yml");
    }

    /** Parses this project's YAML model format; {@code source} names it in errors. */
    public static MechanisticModel fromYaml(String text, String source) {
        return YamlModelReader.read(text, source);
    }

    /** Parses a Catalax {@code Model.save} JSON document; {@code source} names it in errors. */
    public static MechanisticModel fromCatalaxJson(String text, String source) {
        return CatalaxModelReader.read(text, source);
    }

    /** Display name of the model. */
    public String name() {
        return core.name();
    }

    /** Species symbols, sorted: the state order. */
    public List<String> species() {
        return core.species();
    }

    /** Display name of a species (its symbol when none was given). */
    public String speciesName(String symbol) {
        return core.speciesNames().getOrDefault(symbol, symbol);
    }

    /** Constant symbols, sorted. */
    public List<String> constants() {
        return core.constants();
    }

    /** Parameter symbol -&gt; value (NaN: unknown), in theta order. */
    public Map<String, Double> parameters() {
        return core.parameters();
    }

    /** Parameter symbols in theta order. */
    public List<String> parameterNames() {
        return List.copyOf(core.parameters().keySet());
    }

    /** Parameter values in theta order (a fresh array). */
    public double[] parameterValues() {
        return core.parameters().values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Assignment symbol -&gt; expression text, in dependency order (each after those it uses). */
    public Map<String, String> assignments() {
        return core.assignments();
    }

    /** The equation text of a species. */
    public String equation(String speciesSymbol) {
        return core.equations().get(speciesSymbol);
    }

    /** The simulation design of the YAML file, or null when it has none. */
    public SimulationDesign simulation() {
        return simulation;
    }

    /** A copy with another simulation design (null: none). */
    public MechanisticModel withSimulation(SimulationDesign design) {
        return new MechanisticModel(core, design, fitSettings, initialValues);
    }

    /**
     * A copy with fitting settings (bounds, starting values) for some parameters; the others have
     * {@link FitSettings#NONE}.
     *
     * @throws IllegalArgumentException for a symbol that is not a parameter
     */
    MechanisticModel withFitSettings(Map<String, FitSettings> settings) {
        for (String k : settings.keySet()) {
            if (!core.parameters().containsKey(k)) {
                throw new IllegalArgumentException("'" + k + "' is not a parameter");
            }
        }
        return new MechanisticModel(core, simulation, Map.copyOf(settings), initialValues);
    }

    /**
     * A copy with initial values for some species (the others have none).
     *
     * @throws IllegalArgumentException for a symbol that is not a species
     */
    MechanisticModel withInitialValues(Map<String, Double> values) {
        for (String k : values.keySet()) {
            if (!core.species().contains(k)) {
                throw new IllegalArgumentException("'" + k + "' is not a species");
            }
        }
        return new MechanisticModel(core, simulation, fitSettings,
                Collections.unmodifiableMap(new TreeMap<>(values)));
    }

    /** How parameter {@code symbol} may be fitted ({@link FitSettings#NONE} when the file says nothing). */
    public FitSettings fitSettings(String symbol) {
        return fitSettings.getOrDefault(symbol, FitSettings.NONE);
    }

    /**
     * Species symbol -&gt; the initial value its model file gives (only species that have one, sorted): the
     * value used where the data give none, e.g. for a species the data do not observe.
     */
    public Map<String, Double> initialValues() {
        return initialValues;
    }

    /**
     * The vector field with these constant values bound (extra keys, e.g. species initial values, are
     * ignored).
     *
     * @throws InputException naming a constant without a value
     */
    public MechanisticField field(Map<String, Double> constantValues) {
        List<String> constants = core.constants();
        double[] c = new double[constants.size()];
        for (int i = 0; i < c.length; i++) {
            Double v = constantValues.get(constants.get(i));
            if (v == null || !Double.isFinite(v)) {
                throw new InputException("constant '" + constants.get(i) + "'", "no finite value given (got " + v
                        + "); constants come from each measurement's initial conditions");
            }
            c[i] = v;
        }
        return new MechanisticField(this, c);
    }

    /**
     * The initial state in species order from a map of initial conditions; a species missing there takes
     * its {@link #initialValues() initial value} from the model file.
     *
     * @param source names the measurement in errors
     * @throws InputException naming a species without a finite value
     */
    public double[] initialState(Map<String, Double> initialConditions, String source) {
        List<String> species = core.species();
        double[] y0 = new double[species.size()];
        for (int i = 0; i < y0.length; i++) {
            Double v = initialConditions.getOrDefault(species.get(i), initialValues.get(species.get(i)));
            if (v == null || !Double.isFinite(v)) {
                throw new InputException(source, "no finite initial condition for species '" + species.get(i)
                        + "' (got " + v + ")");
            }
            y0[i] = v;
        }
        return y0;
    }

    /** Compiled equations in species order. */
    List<Expression> compiledEquations() {
        return core.compiled();
    }

    /** Compiled assignments in dependency order (the order of their slots). */
    List<Expression> compiledAssignments() {
        return core.compiledAssignments();
    }

    private static void checkSymbols(String source, List<String> slots) {
        Set<String> seen = new HashSet<>();
        for (String s : slots) {
            if (!SYMBOL.matcher(s).matches()) {
                throw new InputException(source, "'" + s + "' is not a valid symbol (letters, digits, _; not first a"
                        + " digit)");
            }
            if (!seen.add(s)) {
                throw new InputException(source, "symbol '" + s + "' is defined more than once (the time symbol 't',"
                        + " species, constants, parameters and assignments must all differ)");
            }
        }
    }

    @Override
    public String toString() {
        return "MechanisticModel[" + core.name() + ", species " + core.species() + ", constants " + core.constants()
                + ", parameters " + core.parameters() + ", assignments " + core.assignments().keySet() + "]";
    }
}

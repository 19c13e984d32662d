package org.neuralode.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.neuralode.InputException;
import org.neuralode.data.Dataset;
import org.neuralode.data.Measurement;
import org.neuralode.ode.SolveStatus;
import org.neuralode.ode.Solver;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.SolverWorkspace;
import org.neuralode.ode.Tableaus;
import org.neuralode.ode.VectorField;

/**
 * Simulates time courses of a {@link MechanisticModel} with Catalax {@code Model.simulate} semantics:
 * every solve starts at t = 0 from the initial conditions and reports the state at the requested times,
 * with Tsit5, rtol = atol = 1e-5, dt0 = 0.1 and at most 4096 steps. Constants take their values from
 * each measurement's initial conditions; a species without one there starts at the model file's initial
 * value, which the result's initial conditions then record. Static methods only: stateless and thread-safe.
 */
public final class Simulator {

    /** Catalax's simulation settings: Tsit5, rtol = atol = 1e-5, 4096 steps, dt0 = 0.1. */
    public static final SolverOptions CATALAX_OPTIONS = new SolverOptions(Tableaus.TSIT5, 1e-5, 1e-5, 4096, 0.1);

    private Simulator() {
    }

    /** Runs the model's own YAML {@code simulation} section. */
    public static Dataset simulate(MechanisticModel model) {
        if (model.simulation() == null) {
            throw new InputException("model '" + model.name() + "'", "has no 'simulation' section to simulate");
        }
        return simulate(model, model.simulation());
    }

    /**
     * Runs a design: per group, {@code replicates} measurements whose initial values (species and
     * constants) are {@code initial * (1 + spread * U(-1, 1))}, then optional noise on the data. Ids are
     * name-based UUIDs of (seed, model name, index), so the same design always yields the same dataset.
     */
    public static Dataset simulate(MechanisticModel model, SimulationDesign design) {
        return simulate(model, design, CATALAX_OPTIONS);
    }

    /** {@link #simulate(MechanisticModel, SimulationDesign)} with other solver settings. */
    public static Dataset simulate(MechanisticModel model, SimulationDesign design, SolverOptions options) {
        Solver solver = new Solver(options);
        double[] times = design.time().values();
        SplittableRandom root = new SplittableRandom(design.seed());
        List<Measurement> out = new ArrayList<>();
        for (int g = 0; g < design.groups().size(); g++) {
            SimulationDesign.Group group = design.groups().get(g);
            for (int r = 0; r < group.replicates(); r++) {
                SplittableRandom rng = root.split();
                Map<String, Double> inits = new LinkedHashMap<>();
                group.initial().forEach((k, v) -> inits.put(k, v * (1 + group.spread() * (2 * rng.nextDouble() - 1))));
                model.initialValues().forEach(inits::putIfAbsent);
                String id = uuid(design.seed(), model.name(), out.size());
                Map<String, double[]> data = solveOne(solver, model, inits, times, "measurement '" + id + "'");
                addNoise(data, design.noise(), rng);
                out.add(new Measurement(id, "group " + g + " replicate " + r, null, inits, times.clone(), data));
            }
        }
        return new Dataset(uuid(design.seed(), model.name(), -1), model.name(),
                "Simulated from model '" + model.name() + "' (seed " + design.seed() + ")", model.species(), out);
    }

    /**
     * Simulates the model at the initial conditions and times of every measurement of {@code template},
     * keeping ids, names and times. Constants come from {@code constantOverrides} when given there, else
     * from the measurement's initial conditions; overridden values are written into the result's
     * initial conditions.
     *
     * @throws InputException naming the measurement whose initial conditions are incomplete or whose
     *         solve failed
     */
    public static Dataset simulateLike(MechanisticModel model, Dataset template,
                                       Map<String, Double> constantOverrides) {
        return simulateLike(model, template, constantOverrides, CATALAX_OPTIONS);
    }

    /** {@link #simulateLike(MechanisticModel, Dataset, Map)} with other solver settings. */
    public static Dataset simulateLike(MechanisticModel model, Dataset template, Map<String, Double> constantOverrides,
                                       SolverOptions options) {
        Solver solver = new Solver(options);
        List<Measurement> out = new ArrayList<>();
        for (Measurement m : template.measurements()) {
            Map<String, Double> inits = new LinkedHashMap<>(m.initialConditions());
            model.initialValues().forEach(inits::putIfAbsent);
            for (String c : model.constants()) {
                if (constantOverrides.containsKey(c)) {
                    inits.put(c, constantOverrides.get(c));
                }
            }
            Map<String, double[]> data = solveOne(solver, model, inits, m.time(), "measurement '" + m.id() + "'");
            out.add(new Measurement(m.id(), m.name(), m.description(), inits, m.time().clone(), data));
        }
        return new Dataset(template.id(), template.name(), template.description(), model.species(), out);
    }

    /**
     * One trajectory from t = 0 with {@link #CATALAX_OPTIONS}: species -&gt; values at {@code times}
     * (species order).
     *
     * @param initialConditions species and constant values at t = 0
     * @param source            names the measurement in errors
     */
    public static Map<String, double[]> solveOne(MechanisticModel model, Map<String, Double> initialConditions,
                                                 double[] times, String source) {
        return solveOne(new Solver(CATALAX_OPTIONS), model, initialConditions, times, source);
    }

    private static Map<String, double[]> solveOne(Solver solver, MechanisticModel model,
                                                  Map<String, Double> initialConditions, double[] times,
                                                  String source) {
        double[] theta = model.parameterValues();
        for (int p = 0; p < theta.length; p++) {
            if (!Double.isFinite(theta[p])) {
                throw new InputException("model '" + model.name() + "'", "parameter '" + model.parameterNames().get(p)
                        + "' has no finite value (" + theta[p] + ")");
            }
        }
        if (times.length > 0 && !(times[0] >= 0)) {
            throw new InputException(source, "simulations start at t = 0 but the first time is " + times[0]);
        }
        VectorField field;
        try {
            field = model.field(initialConditions);
        } catch (InputException e) {
            throw new InputException(source, e.getMessage(), e);
        }
        double[] y0 = model.initialState(initialConditions, source);
        int n = field.dim();
        double[] y = new double[times.length * n];
        SolveStatus st = solver.solve(field.newEvaluator(), theta, y0, 0.0, times, times.length, y,
                new SolverWorkspace(n, field.numParams()));
        if (!st.ok()) {
            throw new InputException(source, "simulation failed: " + st + " (model '" + model.name() + "', "
                    + solver.options().maxSteps() + " steps allowed)");
        }
        Map<String, double[]> data = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            double[] series = new double[times.length];
            for (int k = 0; k < times.length; k++) {
                series[k] = y[k * n + i];
            }
            data.put(model.species().get(i), series);
        }
        return data;
    }

    private static void addNoise(Map<String, double[]> data, SimulationDesign.Noise noise, SplittableRandom rng) {
        if (noise.sigma() == 0.0) {
            return;
        }
        for (double[] series : data.values()) {
            for (int k = 0; k < series.length; k++) {
                double eps = noise.sigma() * rng.nextGaussian();
                series[k] = noise.multiplicative() ? series[k] * (1 + eps) : series[k] + eps;
            }
        }
    }

    private static String uuid(long seed, String modelName, int index) {
        String key = "neuralode-simulate:" + seed + ":" + modelName + ":" + index;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}

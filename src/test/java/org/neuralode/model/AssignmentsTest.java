package org.neuralode.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuralode.ode.VectorField;
import org.neuralode.ode.VjpCheck;

/**
 * Assignments (Catalax's named derived expressions): the fixture {@code uode_model.json} (two species, two
 * chained assignments declared out of order, one using {@code t}) and the same model in YAML, against the
 * model with the assignments written into its equations by hand.
 */
class AssignmentsTest {

    static final Path FIXTURE = Path.of("src/test/resources/org/neuralode/model/uode_model.json");

    /** The fixture with its assignments inlined, operation for operation (the same floating-point sequence). */
    private static final String INLINED = """
            name: inlined
            species: [s1, s2]
            constants: [e1]
            parameters: {v_max: 7.0, K_m: 100.0, k_d: 0.02}
            odes:
              s1: "-((e1*v_max*s1/(K_m + s1))*exp(-k_d*t))"
              s2: "(e1*v_max*s1/(K_m + s1))*exp(-k_d*t) - 0.01*s2"
            """;

    private static final String YAML = """
            name: yaml
            species: [s1, {symbol: s2, name: product, initial: 0.0}]
            constants: [e1]
            parameters: {v_max: 7.0, K_m: 100.0, k_d: 0.02}
            assignments: {rate: "v*exp(-k_d*t)", v: "e1*v_max*s1/(K_m + s1)"}
            odes: {s1: "-rate", s2: "rate - 0.01*s2"}
            """;

    @Test
    void readsAssignmentsInDependencyOrderWithInitialValuesAndBounds() {
        MechanisticModel m = MechanisticModel.load(FIXTURE);
        assertEquals(List.of("v", "rate"), List.copyOf(m.assignments().keySet()), "v before the rate that uses it");
        assertEquals("v*exp(-k_d*t)", m.assignments().get("rate"));
        assertEquals(Map.of("s2", 0.0), m.initialValues());
        assertEquals(new FitSettings(0.1, 50.0, 5.0), m.fitSettings("v_max"));
        assertEquals(new FitSettings(1.0, 1000.0, Double.NaN), m.fitSettings("K_m"), "uniform prior as bounds");
        assertEquals(List.of("v", "rate"), List.copyOf(MechanisticModel.fromYaml(YAML, "m.yaml").assignments()
                .keySet()));
    }

    /**
     * Simulating through assignments equals simulating the hand-inlined model bit for bit: the assignment
     * slots hold exactly the values the inlined subexpressions compute, so every solver step is identical.
     * The model's initial value of {@code s2} (0) fills in for the missing initial condition.
     */
    @Test
    void simulateMatchesTheHandInlinedModel() {
        double[] times = {0, 5, 10, 20, 40, 80};
        Map<String, double[]> inlined = Simulator.solveOne(MechanisticModel.fromYaml(INLINED, "i.yaml"),
                Map.of("s1", 300.0, "s2", 0.0, "e1", 1.5), times, "inlined");
        for (MechanisticModel m : List.of(MechanisticModel.load(FIXTURE), MechanisticModel.fromYaml(YAML, "m.yaml"))) {
            Map<String, double[]> viaAssignments = Simulator.solveOne(m, Map.of("s1", 300.0, "e1", 1.5), times, "a");
            assertArrayEquals(inlined.get("s1"), viaAssignments.get("s1"), 0.0, m.name());
            assertArrayEquals(inlined.get("s2"), viaAssignments.get("s2"), 0.0, m.name());
        }
        assertTrue(inlined.get("s1")[5] < 300 * 0.9, "the substrate is consumed");
    }

    /** vjp through the chained assignments against central differences ({@link VjpCheck}, 1e-7 relative). */
    @Test
    void vjpChainsThroughAssignments() {
        MechanisticModel m = MechanisticModel.load(FIXTURE);
        VectorField f = m.field(Map.of("e1", 1.5));
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 5; trial++) {
            double t = rng.nextDouble() * 50;
            double[] y = {10 + 200 * rng.nextDouble(), 50 * rng.nextDouble()};
            double[] v = {rng.nextDouble() - 0.5, rng.nextDouble() - 0.5};
            VjpCheck.assertVjp(f, t, y, m.parameterValues(), v, 1e-7, m.parameterNames());
        }
    }

    /** The same vjp as the inlined model's, up to rounding (the adjoint sums group differently). */
    @Test
    void vjpEqualsTheInlinedModels() {
        VectorField.Evaluator a = MechanisticModel.load(FIXTURE).field(Map.of("e1", 1.5)).newEvaluator();
        VectorField.Evaluator b = MechanisticModel.fromYaml(INLINED, "i.yaml").field(Map.of("e1", 1.5))
                .newEvaluator();
        double[] y = {120, 30};
        double[] theta = {7, 100, 0.02};
        double[] v = {0.3, -0.7};
        double[] yBarA = new double[2];
        double[] yBarB = new double[2];
        double[] thA = new double[3];
        double[] thB = new double[3];
        a.vjp(12.5, y, 0, theta, v, 0, yBarA, 0, thA);
        b.vjp(12.5, y, 0, theta, v, 0, yBarB, 0, thB);
        assertArrayEquals(yBarB, yBarA, 1e-14);
        for (int p = 0; p < 3; p++) {
            assertEquals(thB[p], thA[p], 1e-13 * Math.abs(thB[p]), "theta " + p);
        }
    }

    @Test
    void aCycleIsRefusedNamingItsSymbols() {
        assertInput(YAML.replace("v: \"e1*v_max*s1/(K_m + s1)\"", "v: \"rate*s1\""), "m.yaml: assignments",
                "assignments form a cycle: rate -> v -> rate");
        assertInput(YAML.replace("v: \"e1*v_max*s1/(K_m + s1)\"", "v: \"v + 1\""), "m.yaml: assignments",
                "cycle: v -> v");
    }

    @Test
    void unknownOrClashingSymbolsAreRefusedNamingThem() {
        assertInput(YAML.replace("(K_m + s1)", "(K_x + s1)"), "m.yaml: assignments.v", "undefined symbol 'K_x'");
        assertInput(YAML.replace("{s1: \"-rate\"", "{s1: \"-rat\""), "m.yaml: odes.s1", "undefined symbol 'rat'");
        assertInput(YAML.replace("rate: \"v*", "K_m: \"v*"), "m.yaml", "symbol 'K_m' is defined more than once");
        assertInput(YAML.replace("initial: 0.0}", "initial: zero}"), "m.yaml: species[1].initial",
                "expected a number");
    }

    @Test
    void catalaxAssignmentErrorsNameTheEntry() throws IOException {
        String json = Files.readString(FIXTURE);
        MechanisticModelTest.assertInput(() -> MechanisticModel.fromCatalaxJson(json.replace(
                "\"name\": \"decaying rate\"", "\"nmae\": \"x\""), "m.json"), "m.json: assignments[0].nmae",
                "unknown key 'nmae'");
        MechanisticModelTest.assertInput(() -> MechanisticModel.fromCatalaxJson(json.replace("\"symbol\": \"v\"",
                "\"symbol\": \"rate\""), "m.json"), "m.json: assignments[1].equation", "second assignment 'rate'");
    }

    private static void assertInput(String yaml, String source, String what) {
        MechanisticModelTest.assertInput(() -> MechanisticModel.fromYaml(yaml, "m.yaml"), source, what);
    }
}

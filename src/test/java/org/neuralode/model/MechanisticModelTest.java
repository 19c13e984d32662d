package org.neuralode.model;

import org.neuralode.CatalaxReference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.InputException;

class MechanisticModelTest {


    static final String MM_YAML = """
            name: Michaelis-Menten
            species: [{symbol: S, name: Substrate}, P]
            constants: [E]
            parameters: {v_max: 7.0, K_m: 100.0}
            odes:
              S: "-v_max*E*S/(K_m + S)"
              P: "v_max*E*S/(K_m + S)"
            simulation:
              time: {start: 0, stop: 100, points: 20}
              groups:
                - {initial: {S: 300, P: 0, E: 1}, replicates: 3, spread: 0.05}
                - {initial: {S: 50, P: 0, E: 2}}
              seed: 1
              noise: {sigma: 0.5, multiplicative: false}
            """;

    @Test
    void loadsTheYamlFormat() {
        MechanisticModel m = MechanisticModel.fromYaml(MM_YAML, "mm.yaml");
        assertEquals("Michaelis-Menten", m.name());
        assertEquals(List.of("P", "S"), m.species(), "species sorted by symbol");
        assertEquals("Substrate", m.speciesName("S"));
        assertEquals("P", m.speciesName("P"));
        assertEquals(List.of("E"), m.constants());
        assertEquals(List.of("v_max", "K_m"), m.parameterNames(), "parameters keep declaration order");
        assertArrayEquals(new double[] {7, 100}, m.parameterValues());
        assertEquals("v_max*E*S/(K_m + S)", m.equation("P"));
        SimulationDesign d = m.simulation();
        assertEquals(20, d.time().points());
        assertEquals(100.0, d.time().values()[19]);
        assertEquals(2, d.groups().size());
        assertEquals(3, d.groups().get(0).replicates());
        assertEquals(1, d.groups().get(1).replicates());
        assertEquals(0.0, d.groups().get(1).spread());
        assertEquals(new SimulationDesign.Noise(0.5, false), d.noise());
    }

    @Test
    void yamlErrorsNameTheKey() {
        assertInput(MM_YAML.replace("constants: [E]", "constants: [E]\nextra: 1"), "mm.yaml: extra",
                "unknown key 'extra'");
        assertInput(MM_YAML.replace("seed: 1", "seed: 1\n  sede: 2"), "mm.yaml: simulation.sede",
                "unknown key 'sede'");
        assertInput(MM_YAML.replace("{initial: {S: 50, P: 0, E: 2}}", "{initial: {S: 50, P: 0}}"),
                "mm.yaml: simulation.groups[1].initial", "no initial value for 'E'");
        assertInput(MM_YAML.replace("K_m: 100.0", "K_m: abc"), "mm.yaml: parameters.K_m", "expected a number");
        assertInput(MM_YAML.replace("spread: 0.05", "spread: 2"), "mm.yaml: simulation.groups[0].spread",
                "must be in [0, 1)");
        assertInput("name: x\nspecies: [S\n", "mm.yaml", "not valid YAML");
    }

    @Test
    void equationProblemsNameTheEquationOrSymbol() {
        assertInput(MM_YAML.replace("(K_m + S)\"\n  P", "(K_m + Q)\"\n  P"), "mm.yaml: odes.S",
                "undefined symbol 'Q'");
        assertInput(MM_YAML.replace("P: \"v_max*E*S/(K_m + S)\"", "P: \"v_max*E*S/(K_m + S\""), "mm.yaml: odes.P",
                "expected ')'");
        assertInput(MM_YAML.replace("  P: \"v_max*E*S/(K_m + S)\"\n", ""), "mm.yaml: odes",
                "species 'P' has no equation");
        assertInput(MM_YAML.replace("  P: \"v_max", "  X: \"0\"\n  P: \"v_max"), "mm.yaml: odes.X",
                "not a species");
        assertInput(MM_YAML.replace("constants: [E]", "constants: [K_m]"), "mm.yaml",
                "symbol 'K_m' is defined more than once");
        assertInput(MM_YAML.replace("constants: [E]", "constants: [t]"), "mm.yaml", "symbol 't'");
    }

    @Test
    void loadsCatalaxModelJson() {
        MechanisticModel m = MechanisticModel.load(CatalaxReference.file("menten_model.json"));
        assertEquals("Simple menten model", m.name());
        assertEquals(List.of("s1"), m.species());
        assertEquals(List.of("e1"), m.constants());
        assertEquals(Map.of("v_max", 7.0, "K_m", 100.0), m.parameters());
        assertEquals("-e1*s1*v_max/(K_m + s1)", m.equation("s1"));

        MechanisticModel p = MechanisticModel.load(CatalaxReference.file("menten_model_w_priors.json"));
        assertEquals(List.of(), p.constants());
        assertArrayEquals(new double[] {7, 100}, p.parameterValues(), "priors are accepted and ignored");
    }

    @Test
    void catalaxJsonErrorsNameTheKey(@TempDir Path dir) throws IOException {
        String json = Files.readString(CatalaxReference.file("menten_model.json"));
        assertInput(() -> MechanisticModel.fromCatalaxJson(json.replace("\"observable\"", "\"observabel\""), "m.json"),
                "m.json: odes[0].observabel", "unknown key 'observabel'");
        assertInput(() -> MechanisticModel.fromCatalaxJson(json.replace("-e1*s1", "-e2*s1"), "m.json"),
                "m.json: odes.s1", "undefined symbol 'e2'");
        Path bad = dir.resolve("m.txt");
        Files.writeString(bad, json);
        assertInput(() -> MechanisticModel.load(bad), bad.toString(), "unknown model format");
    }

    @Test
    void fieldNeedsEveryConstant() {
        MechanisticModel m = MechanisticModel.fromYaml(MM_YAML, "mm.yaml");
        assertInput(() -> m.field(Map.of("S", 1.0)), "constant 'E'", "no finite value");
        assertEquals(2, m.field(Map.of("E", 1.0, "S", 3.0)).dim());
        assertInput(() -> m.initialState(Map.of("S", 1.0), "measurement 'a'"), "measurement 'a'",
                "species 'P'");
    }

    private static void assertInput(String yaml, String source, String what) {
        assertInput(() -> MechanisticModel.fromYaml(yaml, "mm.yaml"), source, what);
    }

    /** {@code run} throws an {@link InputException} from {@code source} whose message contains {@code what}. */
    static void assertInput(org.junit.jupiter.api.function.Executable run, String source, String what) {
        InputException e = assertThrows(InputException.class, run);
        assertEquals(source, e.source(), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
    }
}

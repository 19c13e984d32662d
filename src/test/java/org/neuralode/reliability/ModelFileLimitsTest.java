package org.neuralode.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.neuralode.InputException;
import org.neuralode.NestingDepth;
import org.neuralode.io.model.EqxCodec;
import org.neuralode.model.MechanisticModel;

/**
 * The model readers' limits, which keep hostile files from overflowing the stack: maps and lists nested past
 * {@link NestingDepth#MAX_DEPTH} in a YAML or JSON model file or an {@code .eqx} header line, and equations
 * nested past the expression parser's cap, each fail with one line naming the file (and the equation), also
 * through the fuzz targets' property.
 */
class ModelFileLimitsTest {

    private static final String MODEL = "name: m\nspecies: [S]\nparameters: {k: 1.0}\nodes: {S: \"%s\"}\n";

    @Test
    void deeplyNestedModelFilesAndEqxHeadersAreRefused() {
        String deep = "[".repeat(40) + "]".repeat(40);
        assertRefused(() -> MechanisticModel.load(bytes("name: m\nspecies: " + deep + "\n"), "m.yaml"), "m.yaml",
                "nested more than " + NestingDepth.MAX_DEPTH);
        assertRefused(() -> MechanisticModel.load(bytes("{\"name\": \"m\", \"species\": " + deep + "}"), "m.json"),
                "m.json", "nested more than " + NestingDepth.MAX_DEPTH);
        assertRefused(() -> EqxCodec.read(bytes("{\"hyperparameters\": {\"x\": " + deep + "}}\n"), "m.eqx"),
                "m.eqx", "nested more than " + NestingDepth.MAX_DEPTH);
        ModelYamlFuzzTest.check(bytes("name: m\nspecies: " + deep + "\n"), ModelYamlFuzzTest.SOURCE);
    }

    @Test
    void deeplyNestedEquationsAreRefused() {
        String parens = "(".repeat(5000) + "k*S" + ")".repeat(5000);
        assertRefused(() -> MechanisticModel.fromYaml(String.format(MODEL, parens), "m.yaml"), "m.yaml: odes.S",
                "nested more than 100 levels deep");
        assertRefused(() -> MechanisticModel.fromYaml(String.format(MODEL, "-".repeat(5000) + "S"), "m.yaml"),
                "m.yaml: odes.S", "nested more than 100 levels deep");
        assertRefused(() -> MechanisticModel.fromYaml(String.format(MODEL, "S" + "^S".repeat(5000)), "m.yaml"),
                "m.yaml: odes.S", "nested more than 100 levels deep");
        String ninetyNine = "(".repeat(99) + "k*S" + ")".repeat(99);
        assertEquals(1, MechanisticModel.fromYaml(String.format(MODEL, ninetyNine), "m.yaml").species().size(),
                "99 parentheses are within the cap");
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable run, String source, String what) {
        InputException e = assertThrows(InputException.class, run);
        assertEquals(source, e.source(), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package org.neuralode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files with assignments and species the data do not observe, through the command line: {@code simulate}
 * and {@code train} accept them, and their errors exit 2 with one line naming the culprit.
 */
class ModelFileCliTest {

    private static final String MODEL = """
            name: assigned
            species: [S, {symbol: P, initial: 0.0}]
            parameters: {v_max: 7.0, K_m: 100.0, k_d: 0.01}
            assignments: {rate: "v*exp(-k_d*t)", v: "v_max*S/(K_m + S)"}
            odes: {S: "-rate", P: "rate"}
            simulation:
              time: {start: 0, stop: 50, points: 6}
              groups: [{initial: {S: 300}}]
            """;

    private static CliRun simulate(Path dir, String model) throws IOException {
        Path file = dir.resolve("m.model.yaml");
        Files.writeString(file, model);
        return CliRun.of("simulate", "--model", file.toString(), "--out", dir.resolve("sim.zip").toString());
    }

    @Test
    void simulatesAModelWithAssignmentsAndAnInitialValue(@TempDir Path dir) throws IOException {
        CliRun r = simulate(dir, MODEL);
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("sim.zip")));
    }

    @Test
    void anAssignmentCycleExitsTwoNamingItsSymbols(@TempDir Path dir) throws IOException {
        CliRun r = simulate(dir, MODEL.replace("v: \"v_max*S/(K_m + S)\"", "v: \"rate/S\""));
        assertRefused(r, "m.model.yaml: assignments", "rate -> v -> rate");
        assertFalse(Files.exists(dir.resolve("sim.zip")));
    }

    @Test
    void anAssignmentNamingAnUnknownSymbolExitsTwoNamingIt(@TempDir Path dir) throws IOException {
        CliRun r = simulate(dir, MODEL.replace("(K_m + S)", "(K_q + S)"));
        assertRefused(r, "m.model.yaml: assignments.v", "undefined symbol 'K_q'");
    }

    static void assertRefused(CliRun r, String... fragments) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.noStackTrace(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "lacks '" + f + "': " + r.err());
        }
    }
}

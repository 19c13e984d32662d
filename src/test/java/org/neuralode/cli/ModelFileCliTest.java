package org.neuralode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuralode.data.Dataset;
import org.neuralode.io.DatasetFiles;

/**
 * Model files with assignments and species the data do not observe, through the command line: {@code simulate},
 * {@code train} and {@code evaluate} accept them (the metrics counting the observed species' points only), and
 * their errors exit 2 with one line naming the culprit.
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

    /** The shipped Michaelis-Menten fit with a product species the dataset (S only) does not observe. */
    private static final String WITH_PRODUCT = """
            name: with product
            species: [{symbol: S, name: Substrate}, {symbol: P, name: Product, initial: 0.0}]
            parameters: {v_max: 1.0, K_m: {value: 10.0, lower: 0.1, upper: 10000.0}}
            assignments: {v: "v_max*S/(K_m + S)"}
            odes: {S: "-v", P: "v"}
            """;

    private static CliRun train(Path dir, String model, String... overrides) throws IOException {
        Path file = dir.resolve("p.model.yaml");
        Files.writeString(file, model);
        List<String> args = new ArrayList<>(List.of("train", "--config", "conf/michaelis-menten-fit.yaml", "--out",
                dir.resolve("run").toString(), "--no-progress", "--set", "model.file=" + file, "--set",
                "strategy[0].steps=40", "--set", "strategy[1].steps=20", "--set", "strategy[2].steps=20"));
        for (String o : overrides) {
            args.add("--set");
            args.add(o);
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Mechanistic and universal: train, then evaluate the saved model on the whole dataset. */
    @ParameterizedTest
    @ValueSource(strings = {"mechanistic", "universal"})
    void trainsAModelWithASpeciesTheDataDoNotObserve(String kind, @TempDir Path dir) throws IOException {
        CliRun r = train(dir, WITH_PRODUCT, "model.kind=" + kind, "model.width=4");
        assertEquals(0, r.code(), r.err());
        Dataset d = DatasetFiles.load("datasets/michaelis-menten.zip");
        assertEquals(List.of("S"), d.states());
        long points = d.measurements().stream().mapToLong(m -> Arrays.stream(m.data().get("S"))
                .filter(v -> !Double.isNaN(v)).count()).sum();
        CliRun ev = CliRun.of("evaluate", "--model", dir.resolve("run/model").toString(), "--dataset",
                "datasets/michaelis-menten.zip", "--json");
        assertEquals(0, ev.code(), ev.err());
        assertEquals(points, new ObjectMapper().readTree(ev.out()).get("n_points").asLong(), "S's points only");
    }

    @Test
    void anUnobservedSpeciesWithoutAnInitialValueExitsTwoNamingIt(@TempDir Path dir) throws IOException {
        CliRun r = train(dir, WITH_PRODUCT.replace("{symbol: P, name: Product, initial: 0.0}", "P"));
        assertRefused(r, "model.file", "state 'P' of the model (states [P, S]) is not in the data");
        assertFalse(Files.exists(dir.resolve("run")));
        CliRun other = train(dir, WITH_PRODUCT.replace("S", "A").replace("Substrate", "A"));
        assertRefused(other, "model.file", "each must be a species of the model");
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

package org.neuralode.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.neuralode.data.Dataset;
import org.neuralode.model.MechanisticModel;
import org.neuralode.model.Simulator;

/** Every file shipped in {@code conf/} stays valid: job configs load, model files parse and simulate. */
class ShippedConfTest {

    private static List<Path> conf(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("conf"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void jobConfigsLoad() throws IOException {
        List<Path> jobs = conf(".yaml").stream().filter(p -> !p.toString().endsWith(".model.yaml")).toList();
        assertFalse(jobs.isEmpty());
        for (Path p : jobs) {
            ConfigLoader.load(Files.readAllBytes(p), p.toString(), List.of());
        }
    }

    @Test
    void modelFilesSimulate() throws IOException {
        List<Path> models = conf(".model.yaml");
        assertFalse(models.isEmpty());
        for (Path p : models) {
            MechanisticModel m = MechanisticModel.fromYaml(Files.readString(p), p.toString());
            if (m.simulation() != null) {
                Dataset d = Simulator.simulate(m);
                assertTrue(d.size() > 0, p.toString());
            }
        }
    }
}

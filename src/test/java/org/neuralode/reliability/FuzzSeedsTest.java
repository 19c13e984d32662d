package org.neuralode.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuralode.config.ConfigLoader;
import org.neuralode.data.CroissantReader;
import org.neuralode.io.model.EqxCodec;
import org.neuralode.io.model.EqxModel;
import org.neuralode.model.MechanisticModel;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;

/**
 * The fuzz targets' seed corpora: how they are made, and that every seed is a valid input (so fuzzing
 * starts from inputs that reach the deepest code). Regenerate them after a format change with
 * {@code mvn test -Dtest=FuzzSeedsTest -Dreliability.writeSeeds=true}.
 */
class FuzzSeedsTest {

    static final Path RESOURCES = Path.of("src/test/resources/org/neuralode/reliability");
    private static final String YAML_SEEDS = "ModelYamlFuzzTestInputs/readModel/";
    private static final String JSON_SEEDS = "CatalaxModelFuzzTestInputs/readModel/";
    private static final String EQX_SEED = "EqxFuzzTestInputs/readEqx/menten_trained";
    private static final String EQX_RBF_SEED = "EqxFuzzTestInputs/readEqx/rbf_network";

    /** Seed files, path under {@link #RESOURCES} -> bytes. */
    static Map<String, byte[]> seeds() throws IOException {
        Map<String, byte[]> s = new LinkedHashMap<>();
        s.put("CroissantArchiveFuzzTestInputs/readArchive/tiny-stored.zip", BadArchives.valid());
        s.put("CroissantArchiveFuzzTestInputs/readArchive/tiny-deflated.zip", BadArchives.tinyEntries().zip(true));
        Map<String, byte[]> entries = BadArchives.tinyEntries().entries();
        for (int i = 0; i < CroissantContentFuzzTest.ENTRIES.size(); i++) {
            String entry = CroissantContentFuzzTest.ENTRIES.get(i);
            s.put("CroissantContentFuzzTestInputs/readContent/" + entry.replace('.', '-'),
                    concat(new byte[] {(byte) i, 2}, entries.get(entry)));
        }
        byte[] mm = Files.readAllBytes(Path.of("conf/michaelis-menten.yaml"));
        s.put("ConfigFuzzTestInputs/loadConfig/michaelis-menten", mm);
        s.put("ConfigFuzzTestInputs/loadConfig/michaelis-menten-with-overrides",
                concat(mm, utf8("\0strategy[1].lr=2.0e-3\0model={width: 8, depth: 2}\0dataset.augment.n=0")));
        s.put("ConfigFuzzTestInputs/loadConfig/minimal",
                utf8("dataset: {path: d.zip, validation: {fraction: 0.25}}\nstrategy:\n  - {steps: 1}\n"
                        + "sweep: {'strategy[0].lr': [1.0e-3, 1.0e-2]}\nparallel: {partitions: 2, averaging_frequency: 5}\n"));
        modelSeeds(s);
        return s;
    }

    /**
     * Model files: the shipped and test ones, one with every YAML feature, Catalax's trained .eqx and an RBF
     * network in Catalax's .eqx layout.
     */
    private static void modelSeeds(Map<String, byte[]> s) throws IOException {
        s.put(YAML_SEEDS + "michaelis-menten", Files.readAllBytes(Path.of("conf/michaelis-menten.model.yaml")));
        s.put(YAML_SEEDS + "every-feature", utf8("""
                name: every feature
                species: [S, {symbol: C, name: complex, initial: 0.0}]
                constants: [E0]
                parameters: {k1: 0.05, km1: {value: 0.5, lower: 0.01, upper: 10, initial: 1}, k2: 1.0}
                assignments: {bound: "k2*C*exp(-0.01*t)", free: "E0 - C"}
                odes: {S: "-k1*free*S + km1*C", C: "k1*free*S - km1*C - bound"}
                simulation:
                  time: {start: 0, stop: 40, points: 15}
                  groups: [{initial: {S: 100, E0: 2}, replicates: 2, spread: 0.05}]
                  seed: 3
                  noise: {sigma: 0.01, multiplicative: true}
                """));
        s.put(JSON_SEEDS + "uode_model",
                Files.readAllBytes(Path.of("src/test/resources/org/neuralode/model/uode_model.json")));
        s.put(JSON_SEEDS + "menten_model_w_priors",
                Files.readAllBytes(Path.of("datasets/catalax/menten_model_w_priors.json")));
        s.put(EQX_SEED, Files.readAllBytes(Path.of("datasets/catalax/menten_trained.eqx")));
        s.put(EQX_RBF_SEED, EqxCodec.write(EqxModel.fromNeuralOde(NeuralOde.initialise(List.of("s1"),
                MlpSpec.rbfNetwork(1, 3, 2, false, 0.5), 10.0, 0.1, 1))));
    }

    @Test
    void seedsAreCommittedAndValid() throws IOException {
        Map<String, byte[]> seeds = seeds();
        if (Boolean.getBoolean("reliability.writeSeeds")) {
            for (Map.Entry<String, byte[]> e : seeds.entrySet()) {
                Files.createDirectories(RESOURCES.resolve(e.getKey()).getParent());
                Files.write(RESOURCES.resolve(e.getKey()), e.getValue());
            }
        }
        for (String name : seeds.keySet()) {
            assertTrue(Files.isRegularFile(RESOURCES.resolve(name)), "seed missing (regenerate, see Javadoc): " + name);
        }
        for (String name : List.of("tiny-stored.zip", "tiny-deflated.zip")) {
            byte[] zip = Files.readAllBytes(RESOURCES.resolve("CroissantArchiveFuzzTestInputs/readArchive/" + name));
            assertEquals(2, CroissantReader.read(zip, name).size(), name);
        }
        for (String name : List.of("michaelis-menten", "michaelis-menten-with-overrides", "minimal")) {
            byte[] input = Files.readAllBytes(RESOURCES.resolve("ConfigFuzzTestInputs/loadConfig/" + name));
            int nul = indexOf(input, (byte) 0);
            byte[] yaml = nul < 0 ? input : Arrays.copyOf(input, nul);
            List<String> overrides = nul < 0 ? List.of()
                    : List.of(new String(input, nul + 1, input.length - nul - 1, StandardCharsets.UTF_8).split("\0"));
            ConfigLoader.load(yaml, name, overrides);
        }
        for (String name : List.of("michaelis-menten", "every-feature")) {
            MechanisticModel.load(Files.readAllBytes(RESOURCES.resolve(YAML_SEEDS + name)), "m.yaml");
        }
        for (String name : List.of("uode_model", "menten_model_w_priors")) {
            MechanisticModel.load(Files.readAllBytes(RESOURCES.resolve(JSON_SEEDS + name)),
                    "m.json");
        }
        byte[] eqx = Files.readAllBytes(RESOURCES.resolve(EQX_SEED));
        assertEquals(List.of("s1"), EqxCodec.read(eqx, "m.eqx").toNeuralOde("m.eqx").states());
        byte[] rbf = Files.readAllBytes(RESOURCES.resolve(EQX_RBF_SEED));
        assertEquals(0.5, EqxCodec.read(rbf, "m.eqx").toNeuralOde("m.eqx").spec().rbf().gamma());
    }

    private static int indexOf(byte[] b, byte v) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

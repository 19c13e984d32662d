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

/**
 * The fuzz targets' seed corpora: how they are made, and that every seed is a valid input (so fuzzing
 * starts from inputs that reach the deepest code). Regenerate them after a format change with
 * {@code mvn test -Dtest=FuzzSeedsTest -Dreliability.writeSeeds=true}.
 */
class FuzzSeedsTest {

    static final Path RESOURCES = Path.of("src/test/resources/org/neuralode/reliability");

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
        return s;
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

package org.neuralode.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates Catalax's reference files (never copied into the repository). The folder is the system property
 * {@code catalax.reference} or {@code /work/shared/reference/catalax}; tests that need it are skipped, with
 * a message, where it does not exist.
 */
final class ReferenceData {

    static final Path DIR = Path.of(System.getProperty("catalax.reference", "/work/shared/reference/catalax"));

    private ReferenceData() {
    }

    /** The bytes of a reference file; skips the calling test if the folder is absent. */
    static byte[] bytes(String name) {
        Path p = DIR.resolve(name);
        assumeTrue(Files.isRegularFile(p), "Catalax reference file not found: " + p
                + " (set -Dcatalax.reference=<folder>)");
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reference Croissant dataset (120 measurements, state s1, 20 points each). */
    static CroissantFile croissant() {
        return CroissantReader.readFile(bytes("croissant_dataset.zip"), "croissant_dataset.zip");
    }
}

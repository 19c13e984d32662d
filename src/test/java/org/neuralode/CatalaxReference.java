package org.neuralode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates Catalax's reference files, which live outside the repository (never copied into it): the folder
 * in the system property {@code catalax.reference}; else the first {@code shared/reference/catalax} found
 * walking up from the working directory; else {@code /work/shared/reference/catalax}. A missing file fails
 * the test (it is never silently skipped).
 */
public final class CatalaxReference {

    private CatalaxReference() {
    }

    /** The path of a reference file, e.g. {@code croissant_dataset.zip}. */
    public static Path file(String name) {
        String prop = System.getProperty("catalax.reference");
        if (prop != null) {
            return require(Paths.get(prop, name));
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("shared/reference/catalax").resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return require(Paths.get("/work/shared/reference/catalax", name));
    }

    /** The bytes of a reference file. */
    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path require(Path p) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("Catalax reference file not found: " + p
                    + " (set -Dcatalax.reference=<folder holding croissant_dataset.zip>)");
        }
        return p;
    }
}

package org.neuralode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates Catalax's reference files, which the repository ships in {@code datasets/catalax/} (origin and
 * licences in its {@code NOTICE.md}). Resolved against Maven's {@code basedir} (Surefire sets it; the working
 * directory otherwise). A missing file fails the test (it is never silently skipped).
 */
public final class CatalaxReference {

    private CatalaxReference() {
    }

    /** The path of a reference file, e.g. {@code croissant_dataset.zip}. */
    public static Path file(String name) {
        Path p = Paths.get(System.getProperty("basedir", ""), "datasets", "catalax", name).toAbsolutePath();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("Catalax reference file not found: " + p);
        }
        return p;
    }

    /** The bytes of a reference file. */
    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.neuralode.io.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates Catalax's reference files, which live outside the repository: the directory in the system
 * property {@code neuralode.reference.dir}, else the first {@code shared/reference/catalax} found walking up
 * from the working directory.
 */
final class ReferenceFiles {

    private ReferenceFiles() {
    }

    static Path catalax(String name) {
        String prop = System.getProperty("neuralode.reference.dir");
        if (prop != null) {
            return Paths.get(prop, name);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("shared").resolve("reference").resolve("catalax").resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("reference file " + name + " not found above "
                + Paths.get("").toAbsolutePath() + "; set -Dneuralode.reference.dir");
    }
}

package org.neuralode.io.model;

import java.nio.file.Path;
import org.neuralode.CatalaxReference;

/** The Catalax reference files the model-file tests read (see {@link CatalaxReference}). */
final class ReferenceFiles {

    private ReferenceFiles() {
    }

    static Path catalax(String name) {
        return CatalaxReference.file(name);
    }
}

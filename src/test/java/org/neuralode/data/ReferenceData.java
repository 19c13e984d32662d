package org.neuralode.data;

import org.neuralode.CatalaxReference;

/** The Catalax reference files the data tests read (see {@link CatalaxReference}). */
final class ReferenceData {

    private ReferenceData() {
    }

    /** The bytes of a reference file. */
    static byte[] bytes(String name) {
        return CatalaxReference.bytes(name);
    }

    /** The reference Croissant dataset (120 measurements, state s1, 20 points each). */
    static CroissantFile croissant() {
        return CroissantReader.readFile(bytes("croissant_dataset.zip"), "croissant_dataset.zip");
    }
}

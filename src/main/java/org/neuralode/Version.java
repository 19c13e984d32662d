package org.neuralode;

/** This project's version, as the jar manifest states it ({@code Implementation-Version}). */
public final class Version {

    private Version() {
    }

    /** The project version from the jar manifest, or {@code dev} when run from classes. */
    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}

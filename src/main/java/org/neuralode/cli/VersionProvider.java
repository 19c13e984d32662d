package org.neuralode.cli;

import picocli.CommandLine;

/** Reports the jar's Implementation-Version (or "dev" when run from classes). */
public final class VersionProvider implements CommandLine.IVersionProvider {

    /** The project version from the jar manifest, or {@code dev}. */
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"neuralode-spark " + version()};
    }
}

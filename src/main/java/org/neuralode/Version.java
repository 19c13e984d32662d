package org.neuralode;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions for provenance: this project's (the jar manifest's), and its runtime libraries'. */
public final class Version {

    private Version() {
    }

    /** The project version from the jar manifest, or {@code dev} when run from classes. */
    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * The version of the library holding class {@code className} (by name, so that nothing here links to
     * it): its jar manifest's Implementation-Version, else the Maven {@code pom.properties} of
     * {@code group:artifact} on the classpath; null when the library is absent or says nothing.
     */
    public static String of(String className, String group, String artifact) {
        try {
            String v = Class.forName(className, false, Version.class.getClassLoader()).getPackage()
                    .getImplementationVersion();
            if (v != null) {
                return v;
            }
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        String pom = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Version.class.getClassLoader().getResourceAsStream(pom)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            return null;
        }
    }
}

package org.neuralode.cli;

import org.neuralode.Version;
import picocli.CommandLine;

/** {@code --version}: the jar's Implementation-Version (or "dev" when run from classes). */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"neuralode-spark " + Version.current()};
    }
}

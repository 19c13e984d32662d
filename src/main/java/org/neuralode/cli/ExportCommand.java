package org.neuralode.cli;

import java.util.concurrent.Callable;
import org.neuralode.InputException;
import org.neuralode.io.ModelFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code export --model DIR --format eqx --out FILE.eqx}. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a trained model to Catalax's .eqx format.")
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model directory (or .eqx).")
    String model;

    @Option(names = "--format", defaultValue = "eqx", description = "Output format: eqx (default).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file.")
    String out;

    @Override
    public Integer call() {
        if (!"eqx".equals(format)) {
            throw new InputException("--format " + format, "unsupported; the only format is eqx");
        }
        ModelFiles.saveEqx(ModelFiles.load(model), out);
        return ExitCodes.OK;
    }
}

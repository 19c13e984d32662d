package org.neuralode.cli;

import java.util.concurrent.Callable;
import org.neuralode.io.DatasetFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code convert --in DATASET --out DATASET}: between Croissant zip and the CSV pair. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a dataset between Croissant (.zip) and Catalax's CSV pair (a directory).")
final class ConvertCommand implements Callable<Integer> {

    @Option(names = "--in", required = true, paramLabel = "DATASET", description = "Input dataset.")
    String in;

    @Option(names = "--out", required = true, paramLabel = "DATASET",
            description = "Output: .zip for Croissant, else a directory for measurements.csv + inits.csv.")
    String out;

    @Override
    public Integer call() {
        DatasetFiles.save(DatasetFiles.load(in), out);
        return ExitCodes.OK;
    }
}

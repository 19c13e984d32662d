package org.neuralode.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuralode.InputException;
import org.neuralode.data.Dataset;
import org.neuralode.io.DatasetFiles;
import org.neuralode.io.Storage;
import org.neuralode.model.MechanisticModel;
import org.neuralode.model.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code simulate --model FILE --out DATASET.zip [--like DATASET] [--constant K=V]...}. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate a mechanistic model (YAML, or Catalax model JSON) into a dataset.")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "Model file: this project's YAML (with a 'simulation' design) or Catalax model JSON.")
    String model;

    @Option(names = "--out", required = true, paramLabel = "DATASET",
            description = "Output: a Croissant .zip, or a directory for the CSV pair.")
    String out;

    @Option(names = "--like", paramLabel = "DATASET",
            description = "Take ids, initial conditions and times from this dataset instead of the model's design.")
    String like;

    @Option(names = "--constant", paramLabel = "NAME=VALUE",
            description = "Value of a model constant for every measurement (else from the initial conditions).")
    Map<String, Double> constants = new LinkedHashMap<>();

    @Override
    public Integer call() {
        MechanisticModel m = MechanisticModel.load(Storage.read(model), model);
        Dataset d;
        if (like != null) {
            d = Simulator.simulateLike(m, DatasetFiles.load(like), constants);
        } else {
            if (m.simulation() == null) {
                throw new InputException(model, "has no 'simulation' section; give one, or use --like DATASET");
            }
            if (!constants.isEmpty()) {
                throw new InputException("--constant", "only applies with --like; put constants in the model's "
                        + "simulation groups instead");
            }
            d = Simulator.simulate(m, m.simulation());
        }
        DatasetFiles.save(d, out);
        System.err.println("neuralode: wrote " + d.size() + " measurements to " + out);
        return ExitCodes.OK;
    }
}

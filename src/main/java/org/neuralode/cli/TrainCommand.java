package org.neuralode.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuralode.InputException;
import org.neuralode.config.ConfigLoader;
import org.neuralode.io.RunDirectory;
import org.neuralode.io.RunLock;
import org.neuralode.io.Storage;
import org.neuralode.spark.avg.ParameterAveragingBackend;
import org.neuralode.spark.ensemble.SparkMemberTraining;
import org.neuralode.train.TrainingInterruptedException;
import org.neuralode.workflow.EnsembleTrainJob;
import org.neuralode.workflow.TrainJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code train --config FILE [--set KEY=VALUE]... --out DIR}: one model, or with {@code ensemble.members > 1} an
 * ensemble whose members train as Spark tasks ({@link EnsembleTrainJob}).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a neural ODE as a YAML config describes; write model, metrics, log and plots to DIR.",
            "With ensemble.members = m > 1: m members (seeds model.seed + j, training.seed + j) trained as Spark "
                + "tasks into DIR/members/member-j/; DIR/model/ is the ensemble (ensemble.json + member-j/), and "
                + "DIR/metrics.json scores the members' mean."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Job configuration (YAML).")
    String config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config key: dotted path with [i] for list items; VALUE is YAML. Repeatable.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    String out;

    @Option(names = "--init", paramLabel = "MODEL",
            description = "Start from a saved model (a model directory or a Catalax .eqx) instead of a fresh one "
                    + "(fine-tuning). Its kind, species and architecture (or model file, fit and constants) must be "
                    + "the config's. Not with ensemble.members > 1.")
    String init;

    @Option(names = "--overwrite", description = "Allow writing into a non-empty directory that is not a neuralode run.")
    boolean overwrite;

    @Option(names = "--no-progress",
            description = "No progress output (a bar on a terminal, else one line per monitoring point).")
    boolean noProgress;

    @Override
    public Integer call() {
        ConfigLoader.Loaded loaded = ConfigLoader.load(Storage.read(config), config, overrides);
        int members = loaded.config().ensemble().members();
        if (members > 1) {
            if (init != null) {
                throw new InputException("--init", "fine-tunes one model, but ensemble.members = " + members
                        + "; set ensemble.members=1");
            }
            return trainEnsemble(new EnsembleTrainJob(loaded, config));
        }
        TrainJob job = new TrainJob(loaded, config, init);
        try (RunLock lock = RunLock.acquire(out, "train", Main::warn);
             StopOnSignal signals = StopOnSignal.install(lock::close)) {
            RunDirectory dir = RunDirectory.open(out, overwrite);
            try {
                if (loaded.config().parallel() == null) {
                    job.run(dir, !noProgress, signals);
                } else {
                    ParameterAveragingBackend.run(job, dir, !noProgress, signals);
                }
            } catch (TrainingInterruptedException e) {
                System.err.println("neuralode: " + e.getMessage() + "; saved the last completed model to " + out
                        + "/model and " + out + "/milestones/interrupted");
                return signals.exitCode();
            }
            if (signals.exitCode() != 0) { // a signal came after the last step: the outputs are complete
                System.err.println("neuralode: interrupted after training; wrote " + out);
                return signals.exitCode();
            }
        }
        System.err.println("neuralode: wrote " + out + " (metrics.json, model/, plots/)");
        return ExitCodes.OK;
    }

    /** Exit codes as for one model: 3 when a member diverged, 130/143 when interrupted. */
    private int trainEnsemble(EnsembleTrainJob job) {
        try (RunLock lock = RunLock.acquire(out, "train", Main::warn);
             StopOnSignal signals = StopOnSignal.install(lock::close)) {
            RunDirectory dir = RunDirectory.open(out, overwrite);
            EnsembleTrainJob.Outcome outcome = SparkMemberTraining.run(job, dir, signals, signals::onStop);
            System.err.println("neuralode: " + outcome.message());
            if (signals.exitCode() != 0) {
                return signals.exitCode();
            }
            return "completed".equals(outcome.status()) ? ExitCodes.OK : ExitCodes.DIVERGED;
        }
    }
}

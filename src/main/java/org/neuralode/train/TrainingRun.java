package org.neuralode.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.neuralode.ode.TrainableField;

/**
 * One run of the training loop over a {@link StepExecutor}: per phase, rounds of steps that end after
 * {@link StepExecutor#roundSteps()} steps, at a monitoring step or at the phase's end; listener events in the
 * order of a step-by-step run; the counters, timings and result. A monitoring point's losses come with the
 * next round (or from {@link StepExecutor#monitor} at the end), and the events that must follow its row
 * (a phase's end, the next one's start) wait for it. Mutable; one per run.
 */
final class TrainingRun {

    /** A monitoring point whose losses are still to be computed, with its step's norms. */
    private record Pending(int phase, int step, int globalStep, double length, int failedSteps, double gradNorm,
                           double paramNorm, double updateNorm) { }

    private final TrainableField initial;
    private final EarlyStopping early;
    private final StepExecutor exec;
    private final TrainingListener listener;
    private final BooleanSupplier stop;
    private final int printEvery;
    private final boolean validating;
    private final double[] theta;
    private final long[] phaseNanos;
    private final List<ProgressRow> history = new ArrayList<>();
    private final List<Runnable> deferred = new ArrayList<>();
    private Pending pending;
    private long monitorNanos;
    private int failedSteps;
    private long solverSteps;
    private long rejectedSteps;
    private long trajectories;
    private int phaseOffset;
    private double[] pendingTheta;
    private double[] bestTheta;
    private ProgressRow best;
    private int sinceBest;
    private boolean stopped;

    /** @param early early stopping on the validation loss, or null (needs {@code validating}) */
    TrainingRun(TrainableField initial, int phases, StepExecutor exec, TrainingListener listener, BooleanSupplier stop,
                int printEvery, boolean validating, EarlyStopping early) {
        if (early != null && !validating) {
            throw new IllegalArgumentException("early stopping needs a validation set");
        }
        this.initial = initial;
        this.early = early;
        this.exec = exec;
        this.listener = listener;
        this.stop = stop;
        this.printEvery = printEvery;
        this.validating = validating;
        this.theta = initial.theta();
        this.phaseNanos = new long[phases];
    }

    /** Runs every phase of {@code strategy}. */
    TrainResult run(Strategy strategy) {
        for (int p = 0; p < strategy.phases().size() && !stopped; p++) {
            Phase phase = strategy.phases().get(p);
            int number = p + 1;
            exec.startPhase(p, phase);
            emit(() -> listener.phaseStarted(number, phase));
            runPhase(p, phase);
            phaseOffset += phase.steps();
            TrainableField model = initial.withTheta(theta);
            emit(() -> listener.phaseFinished(number, phase, model));
        }
        if (stopped) { // a row after the stop would describe steps the best model discards
            pending = null;
            runDeferred();
        } else {
            resolvePending();
        }
        if (bestTheta != null) { // the best model seen, whether or not training stopped early
            System.arraycopy(bestTheta, 0, theta, 0, theta.length);
        }
        return result();
    }

    private void runPhase(int p, Phase phase) {
        int start = 0;
        while (start < phase.steps() && !stopped) {
            if (stop.getAsBoolean()) {
                resolvePending();
                throw new TrainingInterruptedException("training stopped on request before phase " + (p + 1)
                        + ", step " + start, result());
            }
            int end = Trainer.roundEnd(start, phase.steps(), exec.roundSteps(), printEvery);
            long t0 = System.nanoTime();
            RoundResult r = exec.round(start, end, theta, pending == null ? Double.NaN : pending.length());
            phaseNanos[p] += System.nanoTime() - t0 - r.monitorNanos();
            monitorNanos += r.monitorNanos();
            failedSteps += r.failedSteps();
            solverSteps += r.solverSteps();
            rejectedSteps += r.rejectedSteps();
            trajectories += r.trajectories();
            if (pending != null) {
                resolve(r.monitored());
            }
            int last = r.diverged() ? r.divergedStep() : end;
            for (int step = start; step < last; step++) {
                listener.stepFinished(p + 1, step, r.skipped()[step - start]);
            }
            if (r.diverged()) {
                System.arraycopy(r.lastGood(), 0, theta, 0, theta.length);
                throw new TrainingDivergedException(r.divergence(), result());
            }
            if (Trainer.monitorsAt(end - 1, phase.steps(), printEvery)) {
                pending = new Pending(p + 1, end - 1, phaseOffset + end - 1, phase.length(), failedSteps,
                        r.gradNorm(), PhaseSteps.norm(theta), r.updateNorm());
                pendingTheta = early == null ? null : theta.clone();
            }
            start = end;
        }
    }

    /** Computes the pending monitoring point now, if there is one (at the end, or before stopping). */
    private void resolvePending() {
        if (pending != null) {
            long t0 = System.nanoTime();
            MonitorSums sums = exec.monitor(theta.clone(), pending.length());
            monitorNanos += System.nanoTime() - t0;
            resolve(sums);
        }
    }

    /** Emits the pending row from {@code sums}, then the events that waited for it. */
    private void resolve(MonitorSums sums) {
        Pending at = pending;
        pending = null;
        LossStats t = sums.train();
        LossStats v = sums.validation();
        ProgressRow row = new ProgressRow(at.phase(), at.step(), at.globalStep(), t.loss(), t.mae(),
                validating ? v.loss() : Double.NaN, validating ? v.mae() : Double.NaN, at.failedSteps(),
                at.gradNorm(), at.paramNorm(), at.updateNorm());
        history.add(row);
        listener.monitored(row);
        if (early != null) {
            watch(row);
        }
        runDeferred();
    }

    /** Runs the events that waited for a monitoring row. */
    private void runDeferred() {
        List<Runnable> events = new ArrayList<>(deferred);
        deferred.clear();
        events.forEach(Runnable::run);
    }

    /**
     * Early stopping: remembers the parameters of the best validation loss so far and stops after
     * {@code patience} rows without an improvement of more than {@code min_delta} (the steps already run
     * past the row are discarded when the best model is restored).
     */
    private void watch(ProgressRow row) {
        if (best == null || row.valLoss() < best.valLoss() - early.minDelta()) {
            best = row;
            bestTheta = pendingTheta;
            sinceBest = 0;
        } else if (++sinceBest >= early.patience()) {
            stopped = true;
        }
    }

    /** Runs {@code event} now, or after the pending monitoring row when there is one. */
    private void emit(Runnable event) {
        if (pending == null) {
            event.run();
        } else {
            deferred.add(event);
        }
    }

    private TrainResult result() {
        double[] seconds = new double[phaseNanos.length];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = phaseNanos[i] * 1e-9;
        }
        EarlyStopping.Outcome outcome = early == null || best == null ? null
                : new EarlyStopping.Outcome(stopped, best.phase(), best.globalStep(), best.valLoss());
        return new TrainResult(initial.withTheta(theta), List.copyOf(history), seconds, monitorNanos * 1e-9,
                failedSteps, solverSteps, rejectedSteps, trajectories, outcome);
    }
}

package org.neuralode.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.Tableaus;
import org.neuralode.ode.TrainableField;

/**
 * The one training loop ({@link Trainer#run}) over a scripted {@link StepExecutor} whose step adds 1 to
 * {@code theta[0]} and whose monitoring loss is {@code theta[0]}: rounds never cross a monitoring step, each
 * row is the model at its step whichever round computed it, listeners see the same events for every round
 * size, and stops and divergence keep the right model.
 */
class TrainerTest {

    private static final NeuralOde INITIAL = NeuralOde.initialise(List.of("s1"),
            new MlpSpec(1, 2, 1, Activation.byName("tanh"), false), 1.0, 0.0, 0);
    private static final Strategy STRATEGY = Strategy.create().addStep(1e-3, 10, 1, 1.0, 0.0)
            .addStep(1e-3, 5, 1, 1.0, 0.0);
    private static final int PRINT_EVERY = 4;
    private static final double VALIDATION_BEST = 5.0;

    /** Steps add 1 to theta[0] (theta[1] += 1 marks a skipped step), optionally diverging at a global step. */
    private static final class Scripted implements StepExecutor {
        final int k;
        final int divergeAt;
        final List<int[]> rounds = new ArrayList<>();
        int phaseOffset;
        int phaseSteps;

        Scripted(int k, int divergeAt) {
            this.k = k;
            this.divergeAt = divergeAt;
        }

        @Override
        public int roundSteps() {
            return k;
        }

        @Override
        public void startPhase(int index, Phase phase) {
            phaseOffset += phaseSteps;
            phaseSteps = phase.steps();
        }

        @Override
        public RoundResult round(int start, int end, double[] theta, double monitorLength) {
            rounds.add(new int[] {start, end});
            MonitorSums monitored = Double.isNaN(monitorLength) ? null : monitor(theta, monitorLength);
            boolean[] skipped = new boolean[end - start];
            for (int step = start; step < end; step++) {
                if (phaseOffset + step == divergeAt) {
                    double[] good = theta.clone();
                    good[0] = -1;
                    return new RoundResult(Arrays.copyOf(skipped, step - start + 1), step, "diverged",
                            good, monitored, 0, 1, 0, 0, 0, Double.NaN, 0);
                }
                skipped[step - start] = step % 3 == 2;
                theta[0] += 1;
            }
            // the last step's norms: gradient = its global step, update = 1 unless skipped
            return new RoundResult(skipped, -1, null, null, monitored, 0, 0, end - start, 0, end - start,
                    phaseOffset + end - 1, skipped[end - start - 1] ? 0 : 1);
        }

        @Override
        public MonitorSums monitor(double[] theta, double length) {
            MonitorSums m = MonitorSums.empty();
            m.train().sumSq = 2 * theta[0];
            m.train().points = 1;
            m.validation().sumSq = 2 * Math.abs(theta[0] - VALIDATION_BEST); // validation loss |theta0 - 5|
            m.validation().points = 1;
            return m;
        }
    }

    /** Every listener event as a line. */
    private static final class Recorder implements TrainingListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void phaseStarted(int phase, Phase settings) {
            events.add("start " + phase);
        }

        @Override
        public void stepFinished(int phase, int step, boolean skipped) {
            events.add("step " + phase + "." + step + (skipped ? " skipped" : ""));
        }

        @Override
        public void monitored(ProgressRow row) {
            events.add("row " + row.phase() + "." + row.step() + " loss " + row.trainLoss());
        }

        @Override
        public void phaseFinished(int phase, Phase settings, TrainableField model) {
            events.add("end " + phase + " theta0 " + model.theta()[0]);
        }
    }

    private static Trainer trainer(BooleanSupplier stop) {
        SolverOptions solver = new SolverOptions(Tableaus.TSIT5, 1e-3, 1e-6, 100, Double.NaN);
        return new Trainer(solver, PRINT_EVERY, 0, 3, Engine.JVM, stop);
    }

    @Test
    void roundsEndAtAveragingAndMonitoringSteps() {
        // 10 steps, average every 3, monitor every 4 (steps 0, 4, 8) and at the last step (9).
        List<Integer> ends = new ArrayList<>();
        for (int start = 0; start < 10; start = Trainer.roundEnd(start, 10, 3, 4)) {
            ends.add(Trainer.roundEnd(start, 10, 3, 4));
        }
        assertEquals(List.of(1, 4, 5, 8, 9, 10), ends);
        assertEquals(7, Trainer.roundEnd(1, 7, Integer.MAX_VALUE, 100));
    }

    @Test
    void listenersSeeTheSameEventsWhateverTheRoundSize() {
        Recorder one = new Recorder();
        TrainResult r1 = trainer(() -> false).run(INITIAL, STRATEGY, new Scripted(1, -1), false, one);
        for (int k : new int[] {3, 7, 100}) {
            Recorder rec = new Recorder();
            Scripted exec = new Scripted(k, -1);
            TrainResult rk = trainer(() -> false).run(INITIAL, STRATEGY, exec, false, rec);
            assertEquals(one.events, rec.events, "k = " + k);
            assertEquals(r1.history(), rk.history());
            assertEquals(15.0 + INITIAL.theta()[0], rk.model().theta()[0]);
            assertEquals(15, rk.trajectories());
            for (int[] round : exec.rounds) {
                for (int step = round[0]; step < round[1] - 1; step++) {
                    assertTrue(step % PRINT_EVERY != 0, "round " + round[0] + ".." + round[1] + " crosses a row");
                }
            }
        }
        // rows at steps 0, 4, 8, 9 of phase 1 and 0, 4 of phase 2; loss = theta0 after that many steps
        List<Integer> globalSteps = r1.history().stream().map(ProgressRow::globalStep).toList();
        assertEquals(List.of(0, 4, 8, 9, 10, 14), globalSteps);
        for (ProgressRow row : r1.history()) {
            assertEquals(INITIAL.theta()[0] + row.globalStep() + 1, row.trainLoss(), 1e-12);
            // the norms are the monitoring step's, whatever round it ended
            assertEquals(row.globalStep(), row.gradNorm());
            assertEquals(row.step() % 3 == 2 ? 0.0 : 1.0, row.updateNorm());
            double[] theta = INITIAL.theta();
            theta[0] += row.globalStep() + 1;
            assertEquals(PhaseSteps.norm(theta), row.paramNorm());
        }
        assertEquals("row 1.9 loss " + (INITIAL.theta()[0] + 10), one.events.get(one.events.indexOf("end 1 theta0 "
                + (INITIAL.theta()[0] + 10)) - 1));
    }

    @Test
    void aStopRequestKeepsTheLastCompletedStepAndItsRow() {
        AtomicInteger polls = new AtomicInteger();
        TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                () -> trainer(() -> polls.incrementAndGet() > 6).run(INITIAL, STRATEGY, new Scripted(1, -1), false,
                        TrainingListener.NONE));
        TrainResult partial = e.partial();
        assertEquals(INITIAL.theta()[0] + 6, partial.model().theta()[0]);
        assertEquals(List.of(0, 4), partial.history().stream().map(ProgressRow::globalStep).toList());
        assertTrue(e.getMessage().contains("phase 1, step 6"), e.getMessage());
    }

    @Test
    void divergenceKeepsTheExecutorsLastGoodModelAndReportsStepsBeforeIt() {
        Recorder rec = new Recorder();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer(() -> false).run(INITIAL, STRATEGY, new Scripted(3, 12), false, rec));
        assertEquals(-1.0, e.partial().model().theta()[0]);
        assertEquals("step 2.1", rec.events.get(rec.events.size() - 1));
        assertEquals("diverged", e.getMessage());
    }

    @Test
    void earlyStoppingKeepsTheBestValidationModelAndStopsAfterPatienceRows() {
        // rows at global steps 0, 4, 8, 9, ...: theta0 = step + 1, validation loss |theta0 - 5|, best at step 4
        assertEquals(0.0, INITIAL.theta()[0], "the scripted losses assume theta0 starts at 0");
        for (int k : new int[] {1, 3}) {
            Scripted exec = new Scripted(k, -1);
            TrainResult r = trainer(() -> false).withEarlyStopping(new EarlyStopping(2, 0.0))
                    .run(INITIAL, STRATEGY, exec, true, TrainingListener.NONE);
            assertEquals(List.of(0, 4, 8, 9), r.history().stream().map(ProgressRow::globalStep).toList(), "k " + k);
            assertEquals(new EarlyStopping.Outcome(true, 1, 4, 0.0), r.earlyStopping());
            assertEquals(VALIDATION_BEST, r.model().theta()[0], "the best model, not the last");
        }
        TrainResult patient = trainer(() -> false).withEarlyStopping(new EarlyStopping(10, 0.0))
                .run(INITIAL, STRATEGY, new Scripted(1, -1), true, TrainingListener.NONE);
        assertEquals(6, patient.history().size(), "ran to the end");
        assertEquals(new EarlyStopping.Outcome(false, 1, 4, 0.0), patient.earlyStopping());
        assertEquals(VALIDATION_BEST, patient.model().theta()[0], "the best model is kept at the end too");
        assertThrows(IllegalArgumentException.class, () -> trainer(() -> false)
                .withEarlyStopping(new EarlyStopping(2, 0.0)).run(INITIAL, STRATEGY, new Scripted(1, -1), false,
                        TrainingListener.NONE));
    }
}

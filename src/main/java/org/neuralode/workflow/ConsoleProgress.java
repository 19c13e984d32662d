package org.neuralode.workflow;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.neuralode.ode.TrainableField;
import org.neuralode.report.ProgressTable;
import org.neuralode.train.Phase;
import org.neuralode.train.ProgressRow;
import org.neuralode.train.Strategy;
import org.neuralode.train.TrainingListener;

/**
 * A progress bar per phase on the console, with the latest monitoring point as its message
 * ({@code loss: train|val mae: train|val}, as Catalax prints it, then the step's norms), and one summary
 * line per phase. {@link #of} chooses it on a terminal and plain lines elsewhere.
 */
final class ConsoleProgress implements TrainingListener {

    private final Strategy strategy;
    private final PrintStream out;
    private ProgressBar bar;
    private ProgressRow last;

    ConsoleProgress(Strategy strategy, PrintStream out) {
        this.strategy = strategy;
        this.out = out;
    }

    /**
     * Progress for {@code out}: on a terminal the bar; otherwise (a log file, a pipe: no carriage returns
     * wanted) one plain line per monitoring point, {@code phase p/n | Step ...}.
     *
     * @param terminal whether the console is a terminal (the caller checks {@code System.console()})
     */
    static TrainingListener of(Strategy strategy, PrintStream out, boolean terminal) {
        if (terminal) {
            return new ConsoleProgress(strategy, out);
        }
        return new TrainingListener() {
            @Override
            public void monitored(ProgressRow row) {
                out.println(taskName(row.phase(), strategy) + " | " + line(row));
            }
        };
    }

    private static String taskName(int phase, Strategy strategy) {
        return String.format(Locale.ROOT, "phase %d/%d", phase, strategy.phases().size());
    }

    @Override
    public void phaseStarted(int phase, Phase settings) {
        bar = new ProgressBarBuilder()
                .setTaskName(taskName(phase, strategy))
                .setInitialMax(settings.steps())
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out))
                .setUpdateIntervalMillis(250)
                .build();
    }

    @Override
    public void stepFinished(int phase, int step, boolean skipped) {
        bar.step();
    }

    @Override
    public void monitored(ProgressRow row) {
        last = row;
        bar.setExtraMessage(" " + line(row));
    }

    @Override
    public void phaseFinished(int phase, Phase settings, TrainableField model) {
        bar.close();
        if (last != null) {
            out.println("phase " + phase + " done | " + line(last));
        }
    }

    private static String line(ProgressRow r) {
        String s = ProgressTable.consoleLine(RunOutputs.lossPoint(r));
        return r.failedSteps() > 0 ? s + " | skipped: " + r.failedSteps() : s;
    }
}

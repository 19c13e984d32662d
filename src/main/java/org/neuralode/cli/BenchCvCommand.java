package org.neuralode.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuralode.io.Storage;
import org.neuralode.spark.cv.CvBenchmark;
import org.neuralode.spark.cv.CvPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench-cv --config FILE [--set ...] [--masters local[1],local[2]] [--scratch DIR] [--no-warmup]}:
 * the same cv sweep on each master in turn, printing wall times, the speed-up over the first master and
 * whether every master produced the same report.json. A benchmark, not a test.
 */
@Command(name = "bench-cv", mixinStandardHelpOptions = true,
        description = "Time one cv sweep on several Spark masters (default local[1] then local[2]) in one JVM.")
final class BenchCvCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "cv job configuration (YAML).")
    String config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key. Repeatable.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--masters", split = ",", paramLabel = "MASTER", defaultValue = "local[1],local[2]",
            description = "Spark masters to compare, in order. Default: ${DEFAULT-VALUE}.")
    List<String> masters;

    @Option(names = "--scratch", paramLabel = "DIR", description = "Local directory for the runs' outputs "
            + "(default: the system temp directory).")
    Path scratch = Path.of(System.getProperty("java.io.tmpdir"));

    @Option(names = "--no-warmup", description = "Skip the untimed warm-up run on the first master.")
    boolean noWarmup;

    @Override
    public Integer call() {
        CvPlan plan = CvPlan.load(Storage.read(config), config, overrides);
        List<CvBenchmark.Timing> timings = CvBenchmark.run(plan, masters, scratch, !noWarmup);
        System.out.printf(Locale.ROOT, "bench-cv: %s, %d tasks, %d cores available, warm-up %s%n", config,
                plan.tasks().size(), Runtime.getRuntime().availableProcessors(), noWarmup ? "off" : "on");
        System.out.printf(Locale.ROOT, "%-14s %10s %10s %9s%n", "master", "job s", "total s", "speed-up");
        double base = timings.get(0).jobSeconds();
        for (CvBenchmark.Timing t : timings) {
            System.out.printf(Locale.ROOT, "%-14s %10.2f %10.2f %8.2fx%n", t.master(), t.jobSeconds(),
                    t.totalSeconds(), base / t.jobSeconds());
        }
        boolean same = timings.stream().map(CvBenchmark.Timing::reportSha256).distinct().count() == 1;
        System.out.println("report.json identical across masters: " + same);
        return same ? ExitCodes.OK : ExitCodes.INTERNAL;
    }
}

package org.neuralode.spark.cv;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * JVM child processes for the cluster tests: started with this JVM's java, its {@code --add-opens} flags
 * and (by default) its classpath, output to a log file; {@link #close} stops every one of them and their
 * descendants (executors started by Spark workers) by PID, whatever happened. Not thread-safe.
 */
final class ChildJvms implements AutoCloseable {

    /** Set {@code -Dcv.cluster.logs=DIR} to keep the children's logs there (they live in a temp dir). */
    private static final String KEEP_LOGS = System.getProperty("cv.cluster.logs");

    private final List<Process> started = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();
    private final Path dir;

    /** @param dir where the children's logs and configuration files go */
    ChildJvms(Path dir) {
        this.dir = dir;
    }

    /** The flags this JVM got from surefire's argLine that Spark needs on Java 17 (--add-opens ...). */
    static List<String> moduleFlags() {
        List<String> flags = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                    || a.startsWith("-Djdk.reflect.useDirectMethodHandle")) {
                flags.add(a);
            }
        }
        return flags;
    }

    /** The test classpath entries. */
    static List<String> classpath() {
        List<String> cp = new ArrayList<>();
        Collections.addAll(cp, System.getProperty("java.class.path").split(File.pathSeparator));
        return cp;
    }

    /**
     * Writes a log4j2 configuration logging INFO to stdout into {@code dir} (the test classpath's own
     * configuration logs WARN only, which hides the start-up lines the tests wait for).
     *
     * @return the file's path
     */
    String infoLogging() throws IOException {
        Path f = dir.resolve("log4j2-child.properties");
        Files.writeString(f, "status = error\nappender.console.type = Console\nappender.console.name = console\n"
                + "appender.console.layout.type = PatternLayout\n"
                + "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n\n"
                + "rootLogger.level = info\nrootLogger.appenderRef.stdout.ref = console\n");
        return f.toString();
    }

    /** A free TCP port on 127.0.0.1 (free when asked; good enough for a test). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts {@code java [flags] [jvmArgs] -cp classpath mainClass args}.
     *
     * @param log file receiving stdout and stderr
     */
    Process start(List<String> jvmArgs, List<String> classpath, String mainClass, List<String> args,
                  Map<String, String> env, Path log) throws IOException {
        return start(jvmArgs, classpath, mainClass, args, env, log, null);
    }

    /**
     * As {@link #start(List, List, String, List, Map, Path)} with stderr in a file of its own.
     *
     * @param errLog file receiving stderr, null to send it to {@code log}
     */
    Process start(List<String> jvmArgs, List<String> classpath, String mainClass, List<String> args,
                  Map<String, String> env, Path log, Path errLog) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(moduleFlags());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, classpath));
        cmd.add(mainClass);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(log.toFile());
        if (errLog == null) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(errLog.toFile());
            logs.add(errLog);
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        logs.add(log);
        return p;
    }

    /** SIGKILL to a process's descendants and then to the process, by PID; waits for it to end. */
    static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /** Polls {@code condition} every 25 ms until it holds or {@code timeout} passes. */
    static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(25);
        }
        return condition.getAsBoolean();
    }

    /** The log's text (empty if unreadable), for conditions and failure messages. */
    static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** The last {@code n} characters of a log. */
    static String tail(Path log, int n) {
        String s = read(log);
        return s.length() <= n ? s : s.substring(s.length() - n);
    }

    /** Stops every started process and its descendants: SIGTERM, then SIGKILL after 5 s. */
    @Override
    public void close() throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            children.forEach(ProcessHandle::destroy);
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
        started.clear();
        keepLogs();
    }

    private void keepLogs() {
        if (KEEP_LOGS == null) {
            return;
        }
        try {
            Path keep = Files.createDirectories(Path.of(KEEP_LOGS));
            for (Path log : logs) {
                Files.copy(log, keep.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

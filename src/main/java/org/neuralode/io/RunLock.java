package org.neuralode.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.neuralode.InputException;

/**
 * The exclusive lock of a {@code train} or {@code cv} run on its output directory: the file {@link #NAME} in
 * it, holding the holder's host, pid, command, start time and a random token, created only if absent
 * ({@link Storage#createExclusive}) and rewritten every quarter of {@link #staleAfter()} by a daemon thread
 * while the run lasts. A second run on a locked directory is refused ({@link InputException}, exit 2) naming
 * the holder. {@link #close()} deletes it on every way out of the command (a shutdown hook covers
 * {@code System.exit}; the CLI's signal handler calls it before halting); a killed run leaves it behind.
 *
 * <p><b>Stale locks</b> are taken over with a one-line warning: on the same host when the holder's pid is not
 * alive (or is a younger process that reused it), on another host when the file was not rewritten for
 * {@link #staleAfter()} (by the file system's clock; {@value #STALE_PROPERTY} or {@value #STALE_ENV}, in
 * seconds, default 120). A takeover renames the stale file aside first, so of several runs taking over
 * at once one wins.
 *
 * <p><b>Guarantees by file system.</b> Local paths: creation is {@code O_CREAT|O_EXCL}, atomic (also on NFSv3+);
 * HDFS: {@code create(path, overwrite=false)} is atomic at the NameNode, as is the takeover's rename. S3 (s3a):
 * creation is atomic only where Hadoop sends conditional writes ({@code If-None-Match: *}, Hadoop 3.4.2+ with
 * the store's support); otherwise S3A checks for the file and then uploads, leaving a window of a request
 * or two in which two runs starting together both win, and a takeover's rename is a copy and a delete.
 * Not thread-safe except {@link #close()}, which may be called from any thread, more than once.
 */
public final class RunLock implements AutoCloseable {

    /** The lock file's name in the output directory. */
    public static final String NAME = ".neuralode.lock";
    /** System property: seconds without a refresh after which another host's lock is stale. */
    public static final String STALE_PROPERTY = "neuralode.lock.stale.seconds";
    /** Environment variable, as {@link #STALE_PROPERTY} (the property wins). */
    public static final String STALE_ENV = "NEURALODE_LOCK_STALE_SECONDS";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long DEFAULT_STALE_SECONDS = 120;
    /** This host's name, looked up once (a lookup may wait for DNS). */
    private static final String HOST = localHost();

    private final String dir;
    private final String file;
    private final Map<String, Object> holder;
    private final boolean createdDir;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread refresher;
    private final Thread hook;

    private RunLock(String dir, Map<String, Object> holder, boolean createdDir) {
        this.dir = dir;
        this.file = Storage.resolve(dir, NAME);
        this.holder = holder;
        this.createdDir = createdDir;
        this.refresher = new Thread(this::refreshLoop, "neuralode-lock-refresh");
        this.refresher.setDaemon(true);
        this.hook = new Thread(this::close, "neuralode-lock-release");
    }

    /**
     * Locks {@code dir} (created if missing) for {@code command}.
     *
     * @param warnings receives the one-line warning of a stale lock's takeover
     * @throws InputException when another live run holds the directory
     */
    public static RunLock acquire(String dir, String command, Consumer<String> warnings) {
        boolean createdDir = !Storage.exists(dir);
        Map<String, Object> mine = new LinkedHashMap<>();
        mine.put("host", HOST);
        mine.put("pid", ProcessHandle.current().pid());
        mine.put("command", command);
        mine.put("start", Instant.now().toString());
        mine.put("token", UUID.randomUUID().toString());
        String file = Storage.resolve(dir, NAME);
        for (int attempt = 0; attempt < 3; attempt++) {
            if (Storage.createExclusive(file, bytes(mine, Instant.now()))) {
                return new RunLock(dir, mine, createdDir).start();
            }
            Holder other = Holder.read(file);
            String stale = other.staleReason(staleAfter());
            if (stale == null) {
                throw new InputException(dir, "is in use by " + other + " (lock file " + NAME + "); wait for that "
                        + "run to end, or choose another --out");
            }
            if (takeOver(file, other)) {
                warnings.accept("taking over the lock of " + other + " on " + dir + ": " + stale);
            }
        }
        throw new InputException(dir, "its lock file " + NAME + " keeps changing; another run is starting there");
    }

    /** How long another host's lock may go without a refresh before it is stale. */
    public static Duration staleAfter() {
        String v = System.getProperty(STALE_PROPERTY, System.getenv(STALE_ENV));
        try {
            long seconds = v == null || v.isBlank() ? DEFAULT_STALE_SECONDS : Long.parseLong(v.strip());
            return Duration.ofSeconds(Math.max(1, seconds));
        } catch (NumberFormatException e) {
            throw new InputException(STALE_PROPERTY, "'" + v + "' is not a whole number of seconds");
        }
    }

    /** Moves a stale lock aside (one of several contenders wins) and deletes it; false when it had changed. */
    private static boolean takeOver(String file, Holder stale) {
        String aside = file + ".stale-" + UUID.randomUUID();
        if (!Storage.rename(file, aside)) {
            return false;
        }
        Holder moved = Holder.read(aside);
        if (!moved.sameToken(stale)) { // a fresh lock replaced the stale one meanwhile: put it back
            Storage.rename(aside, file);
            return false;
        }
        Storage.delete(aside);
        return true;
    }

    private RunLock start() {
        refresher.start();
        Runtime.getRuntime().addShutdownHook(hook);
        return this;
    }

    private void refreshLoop() {
        long every = Math.max(250, staleAfter().toMillis() / 4);
        try {
            while (!closed.get()) {
                Thread.sleep(every);
                if (closed.get() || !ours() || !Storage.rewrite(file, bytes(holder, Instant.now()))) {
                    return; // released, or taken over as stale: never clobber another run's lock
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the file system is unreachable: the run goes on, and its own writes will report it
        }
    }

    private boolean ours() {
        return Holder.read(file).token().equals(holder.get("token"));
    }

    /** The lock file's location. */
    public String location() {
        return file;
    }

    /**
     * Releases the lock: stops refreshing, deletes the file if it is still this run's, and removes the
     * directory if this lock created it and nothing else was written there. Idempotent; best effort (a
     * file system that cannot be reached leaves a lock that the next run takes over as stale).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        refresher.interrupt();
        try {
            if (Thread.currentThread() != hook) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs or has run this method
        }
        try {
            if (ours()) {
                Storage.delete(file);
            }
            if (createdDir && Storage.list(dir).isEmpty()) {
                Storage.delete(dir);
            }
        } catch (RuntimeException e) {
            // best effort, see above
        }
    }

    private static byte[] bytes(Map<String, Object> holder, Instant refreshed) {
        Map<String, Object> m = new LinkedHashMap<>(holder);
        m.put("refreshed", refreshed.toString());
        return JsonText.pretty(m).getBytes(StandardCharsets.UTF_8);
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    /**
     * What a lock file says about its holder; fields are empty when the file is unreadable (being written,
     * or gone).
     */
    private record Holder(String host, long pid, String command, String start, String token, long modified) {

        static Holder read(String file) {
            long modified = Storage.modificationTime(file);
            JsonNode n;
            try {
                n = modified < 0 ? JSON.missingNode() : JSON.readTree(Storage.read(file));
            } catch (IOException | InputException e) {
                n = JSON.missingNode();
            }
            return new Holder(n.path("host").asText(""), n.path("pid").asLong(-1), n.path("command").asText("?"),
                    n.path("start").asText(""), n.path("token").asText(""), modified);
        }

        boolean sameToken(Holder other) {
            return token.equals(other.token);
        }

        /** Why the holder is gone, or null while it may still run. */
        String staleReason(Duration staleAfter) {
            if (host.equals(HOST) && pid > 0) {
                Optional<ProcessHandle> p = ProcessHandle.of(pid);
                boolean alive = p.isPresent() && p.get().isAlive() && !startedAfterLock(p.get());
                return alive ? null : "process " + pid + " is not running";
            }
            long age = System.currentTimeMillis() - modified;
            return modified >= 0 && age > staleAfter.toMillis()
                    ? "not refreshed for " + age / 1000 + " s (stale after " + staleAfter.toSeconds() + " s)" : null;
        }

        /** True when the process with the holder's pid started after the lock did (the pid was reused). */
        private boolean startedAfterLock(ProcessHandle p) {
            Optional<Instant> started = p.info().startInstant();
            try {
                return started.isPresent() && started.get().isAfter(Instant.parse(start).plusSeconds(1));
            } catch (java.time.format.DateTimeParseException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return host.isEmpty() ? "another run (its lock file is being written or unreadable)"
                    : "'" + command + "' (pid " + pid + " on " + host + ", started " + start + ")";
        }
    }
}

package org.neuralode.io;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.neuralode.InputException;

/**
 * Reads and writes whole files by location. A location without a scheme, or with {@code file:}, is a
 * local path handled with {@code java.nio}; any other scheme ({@code hdfs://}, {@code s3a://}, ...) goes
 * through Hadoop's {@link FileSystem}. Every write goes to a temporary name in the target's directory and
 * is then moved into place, so a reader never sees a half-written file; the one exception is
 * {@link #append}, for logs that grow a whole line at a time. Stateless and thread-safe.
 *
 * <p>A file system that cannot be reached (connection refused or timed out, unknown host) is an
 * {@link InputException} naming the location, within 20 s: {@link #CLIENT_DEFAULTS} bound Hadoop's
 * connection retries, which otherwise last minutes, wherever the user's configuration does not set them.
 */
public final class Storage {

    /** Files larger than this are refused on read (a dataset or model is far smaller). */
    public static final long MAX_READ_BYTES = 2L << 30;

    /**
     * Hadoop client settings applied unless the configuration sets them (in {@code core-site.xml},
     * {@code hdfs-site.xml} or as {@code spark.hadoop.*}). A NameNode that does not answer fails after at
     * most 20 s (4 connection attempts of 5 s) instead of a quarter of an hour (46 of 20 s); an HA client
     * gives up after 5 failovers instead of 15 (about 15 s of back-off instead of nearly 3 minutes). A refused
     * connection needs no setting: the HDFS client tries it once.
     */
    public static final Map<String, String> CLIENT_DEFAULTS = Map.of(
            "ipc.client.connect.max.retries.on.timeouts", "3",
            "ipc.client.connect.timeout", "5000",
            "dfs.client.failover.max.attempts", "5");

    private static final String HADOOP_DEFAULTS_SUFFIX = "-default.xml";

    private static volatile Configuration hadoopConf;

    static {
        // what HdfsConfiguration does when HDFS classes load: hdfs-site.xml must be read before the check
        // of CLIENT_DEFAULTS, or a user's dfs.client.* there would lose to ours
        Configuration.addDefaultResource("hdfs-default.xml");
        Configuration.addDefaultResource("hdfs-site.xml");
    }

    private Storage() {
    }

    /**
     * Sets the Hadoop configuration used for non-local locations (the Spark layer passes its own, so
     * {@code spark.hadoop.*} settings such as S3 credentials apply); until then the classpath's
     * {@code *-site.xml} and the {@code spark.hadoop.*} system properties are used. A copy is kept, with
     * {@link #CLIENT_DEFAULTS} where {@code conf} leaves them at Hadoop's defaults. Null goes back to the
     * classpath's and the system properties' settings.
     */
    public static void configure(Configuration conf) {
        hadoopConf = conf == null ? null : withClientDefaults(new Configuration(conf));
    }

    private static Configuration hadoop() {
        Configuration c = hadoopConf;
        if (c == null) {
            c = new Configuration();
            for (String key : System.getProperties().stringPropertyNames()) {
                if (key.startsWith("spark.hadoop.")) {
                    c.set(key.substring("spark.hadoop.".length()), System.getProperty(key));
                }
            }
            c = withClientDefaults(c);
            hadoopConf = c;
        }
        return c;
    }

    private static Configuration withClientDefaults(Configuration conf) {
        for (Map.Entry<String, String> d : CLIENT_DEFAULTS.entrySet()) {
            String[] sources = conf.getPropertySources(d.getKey());
            boolean userSet = sources != null && sources.length > 0
                    && !sources[sources.length - 1].endsWith(HADOOP_DEFAULTS_SUFFIX);
            if (!userSet) {
                conf.set(d.getKey(), d.getValue(), "neuralode Storage.CLIENT_DEFAULTS");
            }
        }
        return conf;
    }

    /** True when {@code location} is handled by {@code java.nio} (no scheme or {@code file:}). */
    public static boolean isLocal(String location) {
        int colon = location.indexOf(':');
        int slash = location.indexOf('/');
        boolean hasScheme = colon > 1 && (slash < 0 || colon < slash);
        return !hasScheme || location.startsWith("file:");
    }

    private static Path localPath(String location) {
        return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    }

    /** Joins a child name onto a location. */
    public static String resolve(String location, String child) {
        return location.endsWith("/") ? location + child : location + "/" + child;
    }

    /** Reads a whole file; a missing or unreadable file is an {@link InputException} naming it. */
    public static byte[] read(String location) {
        try {
            if (isLocal(location)) {
                Path p = localPath(location);
                if (Files.isDirectory(p)) {
                    throw new InputException(location, "is a directory, expected a file");
                }
                if (Files.size(p) > MAX_READ_BYTES) {
                    throw new InputException(location, "is larger than " + MAX_READ_BYTES + " bytes");
                }
                return Files.readAllBytes(p);
            }
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
            FileSystem fs = fileSystem(p);
            try (InputStream in = fs.open(p)) {
                return readBounded(in, location);
            }
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new InputException(location, "no such file");
        } catch (IOException e) {
            String unreachable = unreachable(location, e);
            throw new InputException(location, unreachable != null ? unreachable
                    : "cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Why {@code location}'s file system cannot be reached ({@code "cannot reach HOST:PORT (connection
     * refused)"}), or null when {@code e} is no network failure. Hadoop wraps a refused or timed-out
     * connection in an exception of the same class whose message holds class names and a wiki link; the
     * innermost cause carries the plain reason.
     */
    private static String unreachable(String location, IOException e) {
        String reason = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                reason = "unknown host";
            } else if (t instanceof SocketTimeoutException) {
                reason = "connection timed out";
            } else if (t instanceof SocketException) {
                reason = t.getMessage() == null ? "connection failed" : t.getMessage().toLowerCase(Locale.ROOT);
            }
        }
        if (reason == null) {
            return null;
        }
        String authority = new org.apache.hadoop.fs.Path(location).toUri().getAuthority();
        return "cannot reach " + (authority == null ? "the default file system" : authority) + " (" + reason + ")";
    }

    /**
     * The file system of a non-local location. Hadoop reports an unknown NameNode host as an
     * IllegalArgumentException; it is rethrown as the UnknownHostException it wraps.
     */
    private static FileSystem fileSystem(org.apache.hadoop.fs.Path p) throws IOException {
        try {
            return p.getFileSystem(hadoop());
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof UnknownHostException u) {
                throw u;
            }
            throw e;
        }
    }

    /** A failure to look at a location: an InputException when it is unreachable, else unchecked. */
    private static RuntimeException failure(String location, IOException e) {
        String unreachable = unreachable(location, e);
        return unreachable != null ? new InputException(location, unreachable, e)
                : new UncheckedIOException("cannot access " + location, e);
    }

    private static byte[] readBounded(InputStream in, String location) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > MAX_READ_BYTES) {
                throw new InputException(location, "is larger than " + MAX_READ_BYTES + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** True when a file or directory exists at {@code location}. */
    public static boolean exists(String location) {
        try {
            if (isLocal(location)) {
                return Files.exists(localPath(location));
            }
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
            return fileSystem(p).exists(p);
        } catch (IOException e) {
            throw failure(location, e);
        }
    }

    /** Names of the entries directly under a directory (empty when it does not exist). */
    public static List<String> list(String directory) {
        List<String> names = new ArrayList<>();
        try {
            if (isLocal(directory)) {
                Path d = localPath(directory);
                if (Files.isDirectory(d)) {
                    try (var s = Files.list(d)) {
                        s.forEach(p -> names.add(p.getFileName().toString()));
                    }
                }
                return names;
            }
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(directory);
            FileSystem fs = fileSystem(p);
            if (fs.exists(p)) {
                for (FileStatus st : fs.listStatus(p)) {
                    names.add(st.getPath().getName());
                }
            }
            return names;
        } catch (IOException e) {
            throw failure(directory, e);
        }
    }

    /**
     * Writes {@code bytes} to {@code location} atomically: the parent directory is created, the bytes go
     * to a hidden temporary file beside the target, which is then moved over the target.
     */
    public static void writeAtomically(String location, byte[] bytes) {
        try {
            if (isLocal(location)) {
                writeLocal(localPath(location), bytes);
            } else {
                writeHadoop(new org.apache.hadoop.fs.Path(location), bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + location, e);
        }
    }

    /**
     * Whether {@link #append} works at {@code location}: always for a local path; on Hadoop, where the file
     * system declares the append capability (HDFS does; object stores such as s3a do not).
     */
    public static boolean canAppend(String location) {
        if (isLocal(location)) {
            return true;
        }
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
            return p.getFileSystem(hadoop()).hasPathCapability(p, CommonPathCapabilities.FS_APPEND);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Appends {@code bytes} to the existing file at {@code location} and flushes them before returning:
     * a local file gets them in one write call and closes (so a killed process loses nothing written, and a
     * reader sees whole appends of up to a few KiB); on Hadoop an append stream is opened, written and
     * closed, which makes them visible to readers. Only where {@link #canAppend} is true.
     */
    public static void append(String location, byte[] bytes) {
        try {
            if (isLocal(location)) {
                Files.write(localPath(location), bytes, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            } else {
                org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
                try (OutputStream out = p.getFileSystem(hadoop()).append(p)) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + location, e);
        }
    }

    private static void writeLocal(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeHadoop(org.apache.hadoop.fs.Path target, byte[] bytes) throws IOException {
        FileSystem fs = fileSystem(target);
        org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(target.getParent(),
                "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = fs.create(tmp, false)) {
                out.write(bytes);
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("rename " + tmp + " -> " + target + " failed");
            }
        } finally {
            if (fs.exists(tmp)) {
                fs.delete(tmp, false);
            }
        }
    }
    /**
     * Creates the file at {@code location} holding {@code bytes} unless a file is already there; the parent
     * directory is created. Local paths use {@code O_CREAT|O_EXCL} ({@code CREATE_NEW}), atomic on a local
     * file system; other locations use Hadoop's {@code create(path, overwrite=false)}, atomic at an HDFS
     * NameNode, and on S3A an existence check followed by the upload unless the store and Hadoop do conditional
     * writes ({@code If-None-Match: *}, Hadoop 3.4.2+). The file exists, possibly still empty, before the bytes
     * are in it.
     *
     * @return true when this call created the file, false when one was there
     */
    public static boolean createExclusive(String location, byte[] bytes) {
        try {
            if (isLocal(location)) {
                Path p = localPath(location);
                Files.createDirectories(p.toAbsolutePath().getParent());
                Files.write(p, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } else {
                org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
                try (OutputStream out = fileSystem(p).create(p, false)) {
                    out.write(bytes);
                }
            }
            return true;
        } catch (java.nio.file.FileAlreadyExistsException | org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw failure(location, e);
        }
    }

    /**
     * Replaces the content of an existing file in place, so that the file exists throughout (readers may
     * see it empty for a moment): a local file is truncated and written, a Hadoop file recreated with
     * {@code create(path, overwrite=true)}, one call at the NameNode or one PUT on S3.
     *
     * @return false when there was no file to rewrite (nothing is created then)
     */
    public static boolean rewrite(String location, byte[] bytes) {
        try {
            if (isLocal(location)) {
                Files.write(localPath(location), bytes, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                return true;
            }
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
            FileSystem fs = fileSystem(p);
            if (!fs.exists(p)) {
                return false;
            }
            try (OutputStream out = fs.create(p, true)) {
                out.write(bytes);
            }
            return true;
        } catch (NoSuchFileException | FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw failure(location, e);
        }
    }

    /** When the file at {@code location} was last written (ms since the epoch, the file system's clock), -1 when absent. */
    public static long modificationTime(String location) {
        try {
            if (isLocal(location)) {
                return Files.getLastModifiedTime(localPath(location)).toMillis();
            }
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
            return fileSystem(p).getFileStatus(p).getModificationTime();
        } catch (NoSuchFileException | FileNotFoundException e) {
            return -1;
        } catch (IOException e) {
            throw failure(location, e);
        }
    }

    /**
     * Renames a file to a name that does not exist yet (atomic locally and on HDFS: of several callers
     * renaming one file, one succeeds; on S3 a copy and a delete).
     *
     * @return false when there was no file at {@code from}
     */
    public static boolean rename(String from, String to) {
        try {
            if (isLocal(from)) {
                Files.move(localPath(from), localPath(to), StandardCopyOption.ATOMIC_MOVE);
                return true;
            }
            org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(from);
            return fileSystem(src).rename(src, new org.apache.hadoop.fs.Path(to));
        } catch (NoSuchFileException | FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw failure(from, e);
        }
    }

    /** Deletes a file or an empty directory; true when something was deleted. */
    public static boolean delete(String location) {
        try {
            if (isLocal(location)) {
                return Files.deleteIfExists(localPath(location));
            }
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
            return fileSystem(p).delete(p, false);
        } catch (IOException e) {
            throw failure(location, e);
        }
    }
}

package org.neuralode.spark.cv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.neuralode.InputException;
import org.neuralode.io.JsonText;
import org.neuralode.io.RunDirectory;
import org.neuralode.io.Storage;

/**
 * The output directory of a {@code cv} run. It is marked by {@code run.json} with {@code "command": "cv"}
 * and the run's configuration hash; opening it again with the same hash resumes, with another hash (or
 * when it holds another command's run, or foreign files) it is refused unless overwriting is allowed.
 * A local path is made absolute first, so executors with another working directory write to the same
 * place. Not thread-safe (driver only).
 */
public final class CvOutputDirectory {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RunDirectory dir;

    private CvOutputDirectory(RunDirectory dir) {
        this.dir = dir;
    }

    /**
     * Opens {@code location} for a run with {@code configHash}.
     *
     * @param overwrite replace a run of another configuration (its stale task files are recomputed) or
     *                  write into a directory with foreign files
     * @throws InputException when the directory holds something else and {@code overwrite} is false
     */
    public static CvOutputDirectory open(String location, String configHash, boolean overwrite) {
        String where = Storage.isLocal(location) && !location.startsWith("file:")
                ? Path.of(location).toAbsolutePath().normalize().toString() : location;
        RunDirectory dir = RunDirectory.open(where, overwrite);
        String marker = dir.path(RunDirectory.MARKER);
        if (!overwrite && Storage.exists(marker)) {
            JsonNode record = readRecord(marker);
            String command = record.path("command").asText("");
            String hash = record.path("config_hash").asText("");
            if (!"cv".equals(command)) {
                throw new InputException(location, "holds a '" + command + "' run, not a cv run; choose "
                        + "another --out or pass --overwrite");
            }
            if (!configHash.equals(hash)) {
                throw new InputException(location, "holds a cv run of another configuration (config hash "
                        + abbreviate(hash) + ", this run " + abbreviate(configHash) + "); rerun with the same "
                        + "config and --set options to resume, choose another --out, or pass --overwrite");
            }
        }
        return new CvOutputDirectory(dir);
    }

    /** Reads a {@code run.json}; invalid JSON is an {@link InputException} naming the file. */
    static JsonNode readRecord(String marker) {
        try {
            return JSON.readTree(Storage.read(marker));
        } catch (IOException e) {
            throw new InputException(marker, "is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    /** The directory's (absolute, for local paths) location. */
    public String location() {
        return dir.location();
    }

    /** The underlying run directory (atomic writes). */
    public RunDirectory dir() {
        return dir;
    }

    /** Ids of the tasks that have a result file (whatever configuration made them). */
    public Set<String> existingTaskIds() {
        Set<String> ids = new HashSet<>();
        for (String name : Storage.list(dir.path(TaskResultFiles.TASKS))) {
            if (name.endsWith(".json") && !name.startsWith(".")) {
                ids.add(name.substring(0, name.length() - ".json".length()));
            }
        }
        return ids;
    }

    /** Writes {@code run.json}. */
    public void writeRecord(Map<String, Object> record) {
        dir.write(RunDirectory.MARKER, JsonText.pretty(record));
    }
}

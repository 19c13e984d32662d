package org.neuralode.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.neuralode.InputException;
import org.neuralode.io.model.ModelDirectory;

/**
 * The manifest of an ensemble model directory, {@value #FILE}: which member model directories (each an
 * ordinary model directory, loadable alone) make up the ensemble, with the seeds each was trained with.
 *
 * <pre>{@code
 * {"kind": "ensemble", "format_version": 1, "n_members": 2,
 *  "members": [{"path": "member-0", "seeds": {"model": 0, "training": 420}},
 *              {"path": "member-1", "seeds": {"model": 1, "training": 421}}]}
 * }</pre>
 *
 * <p>Member paths are single names inside the ensemble directory (letters, digits, {@code . _ -}; never
 * {@code ..}), so an ensemble directory can be moved or copied as a whole. Immutable.
 *
 * @param members the members, in order
 */
public record EnsembleManifest(List<Member> members) {

    /** The manifest's file name inside the ensemble directory. */
    public static final String FILE = "ensemble.json";
    /** The manifest's {@code kind}. */
    public static final String KIND = "ensemble";
    /** The newest {@code format_version} this code reads and the one it writes. */
    public static final int VERSION = 1;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /**
     * One member.
     *
     * @param path         its model directory, a name inside the ensemble directory
     * @param modelSeed    the {@code model.seed} it was initialised with
     * @param trainingSeed the {@code training.seed} its batches were drawn with
     */
    public record Member(String path, long modelSeed, long trainingSeed) {

        /** Checks the path is a plain name. */
        public Member {
            if (!NAME.matcher(path).matches() || path.contains("..")) {
                throw new IllegalArgumentException("not a plain directory name: " + path);
            }
        }
    }

    /** Copies the list; an ensemble has at least one member. */
    public EnsembleManifest {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        members = List.copyOf(members);
    }

    /** True when {@code location} (a directory, or its {@value #FILE}) holds an ensemble's manifest. */
    public static boolean isEnsemble(String location) {
        return !location.endsWith(".eqx") && Storage.exists(manifestFile(location));
    }

    /** The ensemble directory of a location naming it or its {@value #FILE}. */
    public static String directory(String location) {
        return location.endsWith(FILE) ? location.substring(0, location.length() - FILE.length()) : location;
    }

    /** The location of member {@code i}'s model directory. */
    public String memberLocation(String location, int i) {
        return Storage.resolve(directory(location), members.get(i).path());
    }

    /**
     * Reads and checks the manifest of the ensemble at {@code location}.
     *
     * @throws InputException naming {@value #FILE} and what is wrong
     */
    public static EnsembleManifest read(String location) {
        String file = manifestFile(location);
        JsonNode root;
        try {
            root = JSON.readTree(Storage.read(file));
        } catch (IOException e) {
            throw new InputException(file, "not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !KIND.equals(root.path("kind").asText(null))) {
            throw new InputException(file, "is not an ensemble manifest (an object with \"kind\": \"ensemble\")");
        }
        JsonNode version = root.get("format_version");
        if (version == null || !version.isInt() || version.intValue() < 1 || version.intValue() > VERSION) {
            throw new InputException(file, "format_version " + version + " is not 1.." + VERSION);
        }
        JsonNode list = root.get("members");
        if (list == null || !list.isArray() || list.isEmpty() || !root.path("n_members").isInt()
                || root.get("n_members").intValue() != list.size()) {
            throw new InputException(file, "needs a non-empty list \"members\" of n_members (" + root.get("n_members")
                    + ") entries");
        }
        List<Member> members = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            members.add(member(list.get(i), file + ": members[" + i + "]"));
        }
        return new EnsembleManifest(members);
    }

    private static Member member(JsonNode m, String where) {
        JsonNode path = m.get("path");
        JsonNode seeds = m.path("seeds");
        try {
            if (path != null && path.isTextual() && seeds.path("model").isIntegralNumber()
                    && seeds.path("training").isIntegralNumber()) {
                return new Member(path.asText(), seeds.get("model").longValue(), seeds.get("training").longValue());
            }
        } catch (IllegalArgumentException e) {
            // a path that is not a plain name: refused below
        }
        throw new InputException(where, "needs \"path\" (a directory name inside the ensemble, got " + path
                + ") and integer \"seeds\" {\"model\", \"training\"}");
    }

    /**
     * Writes the manifest into the ensemble directory {@code location} (atomically; the member directories are
     * written first), removing a single model's files a previous run left there, so the directory is one model.
     */
    public void write(String location) {
        String dir = directory(location);
        Storage.delete(Storage.resolve(dir, ModelDirectory.HEADER_FILE));
        Storage.delete(Storage.resolve(dir, ModelDirectory.PARAMS_FILE));
        Storage.writeAtomically(manifestFile(dir), JsonText.pretty(toMap()).getBytes(StandardCharsets.UTF_8));
    }

    /** The manifest as plain values, in the file's key order. */
    public Map<String, Object> toMap() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kind", KIND);
        root.put("format_version", VERSION);
        root.put("n_members", members.size());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Member m : members) {
            Map<String, Object> seeds = new LinkedHashMap<>();
            seeds.put("model", m.modelSeed());
            seeds.put("training", m.trainingSeed());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", m.path());
            entry.put("seeds", seeds);
            list.add(entry);
        }
        root.put("members", list);
        return root;
    }

    private static String manifestFile(String location) {
        return location.endsWith(FILE) ? location : Storage.resolve(location, FILE);
    }
}

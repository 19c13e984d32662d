package org.neuralode.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuralode.InputException;

/**
 * The parts of a Catalax {@code croissant.json} that matter for reading: dataset metadata, the
 * {@code distribution} file objects and the record sets, split into measurement record sets (data in a
 * JSONL file) and initial-condition record sets ({@code @id} containing {@code /inits}, inline
 * {@code data}).
 *
 * <p>Only structure is checked here (required keys, types, duplicates); the data files are read by
 * {@link CroissantReader}. Messages name the archive, {@code croissant.json} and the JSON path, e.g.
 * {@code recordSet[3] ('abc/inits')}. Immutable once parsed.
 */
final class CroissantDocument {

    static final String ENTRY = "croissant.json";
    private static final String WHERE = "entry '" + ENTRY + "'";
    private static final String INITS = "/inits";
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonLinesReader.FACTORY);

    /** A {@code cr:FileObject}: {@code md5}/{@code sha256} may be null. */
    record FileRef(String id, String contentUrl, String md5, String sha256) {
    }

    /**
     * A measurement record set.
     *
     * @param states data columns (fields other than {@code time}) in field order
     */
    record MeasurementSet(String id, String name, String description, String fileObjectId,
                          List<String> states) {
    }

    final String datasetId;
    final CroissantMetadata metadata;
    final Map<String, FileRef> files = new LinkedHashMap<>();
    final List<MeasurementSet> measurements = new ArrayList<>();
    /** measurement id -> (state or constant -> initial value), in file order. */
    final Map<String, Map<String, Double>> inits = new LinkedHashMap<>();
    private final String source;

    private CroissantDocument(JsonNode root, String source) {
        this.source = source;
        this.metadata = new CroissantMetadata(text(root, "name"), text(root, "description"),
                text(root, "citeAs"), text(root, "datePublished"), text(root, "license"), text(root, "version"));
        String id = text(root, "@id");
        this.datasetId = id != null ? id : metadata.name();
        List<JsonNode> distribution = items(root.get("distribution"));
        for (int i = 0; i < distribution.size(); i++) {
            addFile(distribution.get(i), "distribution[" + i + "]");
        }
        List<JsonNode> recordSets = items(root.get("recordSet"));
        for (int i = 0; i < recordSets.size(); i++) {
            addRecordSet(recordSets.get(i), i);
        }
    }

    /**
     * @param json   the bytes of {@code croissant.json}
     * @param source the archive's name, for messages
     * @throws InputException if the JSON is invalid or the structure is not Catalax's
     */
    static CroissantDocument parse(byte[] json, String source) {
        String text = TextDecoding.utf8(json, source, WHERE);
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String at = loc == null ? "" : " at line " + loc.getLineNr() + " column " + loc.getColumnNr();
            throw new InputException(source, WHERE + ": invalid JSON" + at + " (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw new InputException(source, WHERE + ": expected a JSON object at the top level");
        }
        return new CroissantDocument(root, source);
    }

    private void addFile(JsonNode node, String path) {
        String id = requiredText(node, "@id", path);
        FileRef ref = new FileRef(id, text(node, "contentUrl"), text(node, "md5"), text(node, "sha256"));
        if (files.putIfAbsent(id, ref) != null) {
            throw error(path + ": file object '" + id + "' is declared twice");
        }
    }

    private void addRecordSet(JsonNode node, int index) {
        String path = "recordSet[" + index + "]";
        String id = requiredText(node, "@id", path);
        path += " ('" + id + "')";
        int at = id.indexOf(INITS);
        if (at >= 0) {
            addInits(id.substring(0, at), node.get("data"), path);
        } else {
            addMeasurement(id, node, path);
        }
    }

    private void addInits(String mid, JsonNode data, String path) {
        if (data != null && data.isArray() && data.size() == 1) {
            data = data.get(0);
        }
        if (data == null || !data.isObject()) {
            throw error(path + ": 'data' must be an object (or a one-element list of one) of initial "
                    + "conditions, got " + (data == null ? "nothing" : shorten(data.toString())));
        }
        String prefix = mid + INITS + "/";
        Map<String, Double> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String state = key.startsWith(prefix) ? key.substring(prefix.length()) : key;
            if (state.isEmpty() || state.contains("/")) {
                throw error(path + ": data key '" + key + "' is not of the form '" + prefix + "<state>'");
            }
            values.put(state, NumberCells.finiteJsonNumber(e.getValue(), source, WHERE + ": " + path, key));
        }
        if (inits.putIfAbsent(mid, values) != null) {
            throw error(path + ": initial conditions for measurement '" + mid + "' are declared twice");
        }
    }

    private void addMeasurement(String id, JsonNode node, String path) {
        List<JsonNode> fields = items(node.get("field"));
        if (fields.isEmpty()) {
            throw error(path + ": record set has no fields");
        }
        String fileObject = null;
        List<String> columns = new ArrayList<>();
        for (int j = 0; j < fields.size(); j++) {
            String fpath = path + " field[" + j + "]";
            JsonNode src = fields.get(j).path("source");
            JsonNode fo = src.path("fileObject");
            String ref = fo.isTextual() ? fo.asText() : text(fo, "@id");
            String column = text(src.path("extract"), "column");
            if (ref == null || column == null) {
                throw error(fpath + ": needs source.fileObject.@id and source.extract.column");
            }
            if (fileObject != null && !fileObject.equals(ref)) {
                throw error(fpath + ": refers to file object '" + ref + "' but earlier fields use '"
                        + fileObject + "'; one record set must read one file");
            }
            if (columns.contains(column)) {
                throw error(fpath + ": column '" + column + "' is declared twice");
            }
            fileObject = ref;
            columns.add(column);
        }
        if (!columns.remove(JsonLinesReader.TIME)) {
            throw error(path + ": record set has no 'time' field (columns " + columns + ")");
        }
        if (measurements.stream().anyMatch(m -> m.id().equals(id))) {
            throw error(path + ": measurement '" + id + "' is declared twice");
        }
        measurements.add(new MeasurementSet(id, text(node, "name"), text(node, "description"), fileObject,
                List.copyOf(columns)));
    }

    private static List<JsonNode> items(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(out::add);
        } else {
            out.add(node);
        }
        return out;
    }

    /** A property as text; null when absent; non-text values are kept as their JSON form. */
    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isTextual() ? v.asText() : v.toString();
    }

    private String requiredText(JsonNode node, String key, String path) {
        if (!node.isObject()) {
            throw error(path + ": expected an object, got " + shorten(node.toString()));
        }
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw error(path + ": missing or non-text '" + key + "' (got " + v + ")");
        }
        return v.asText();
    }

    private InputException error(String message) {
        return new InputException(source, WHERE + ": " + message);
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}

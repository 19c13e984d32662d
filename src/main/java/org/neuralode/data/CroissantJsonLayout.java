package org.neuralode.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code croissant.json} document Catalax writes (through {@code mlcroissant}), as an ordered JSON tree
 * for {@link PythonJsonWriter}: the same {@code @context}, key order and texts as
 * {@code reference/catalax/croissant_dataset.zip}.
 *
 * <p>Top level: {@code @context, @type, name, description, conformsTo, citeAs, datePublished, license,
 * version, distribution, recordSet} (mlcroissant puts {@code name, description, conformsTo} first, the
 * other scalars in alphabetical order, the lists last; empty values are dropped). Per measurement: a
 * {@code cr:FileObject} {@code <mid>_data}, a record set {@code <mid>} with one field per data state plus
 * {@code time}, and a record set {@code <mid>/inits} with one field per initial condition and the values
 * inline in {@code data}. A measurement without name or description gets the id and Catalax's default
 * description, in both its file object and its record set (Catalax sets them once and reuses them).
 *
 * <p>Stateless and thread-safe.
 */
final class CroissantJsonLayout {

    private static final String CONFORMS_TO = "http://mlcommons.org/croissant/1.0";

    /** Croissant 1.0's recommended context, in the reference file's order. */
    private static final String[][] CONTEXT = {
        {"@language", "en"}, {"@vocab", "https://schema.org/"}, {"citeAs", "cr:citeAs"},
        {"column", "cr:column"}, {"conformsTo", "dct:conformsTo"}, {"cr", "http://mlcommons.org/croissant/"},
        {"rai", "http://mlcommons.org/croissant/RAI/"}, {"data", "cr:data", "@json"},
        {"dataType", "cr:dataType", "@vocab"}, {"dct", "http://purl.org/dc/terms/"},
        {"examples", "cr:examples", "@json"}, {"extract", "cr:extract"}, {"field", "cr:field"},
        {"fileProperty", "cr:fileProperty"}, {"fileObject", "cr:fileObject"}, {"fileSet", "cr:fileSet"},
        {"format", "cr:format"}, {"includes", "cr:includes"}, {"isLiveDataset", "cr:isLiveDataset"},
        {"jsonPath", "cr:jsonPath"}, {"key", "cr:key"}, {"md5", "cr:md5"}, {"parentField", "cr:parentField"},
        {"path", "cr:path"}, {"recordSet", "cr:recordSet"}, {"references", "cr:references"},
        {"regex", "cr:regex"}, {"repeated", "cr:repeated"}, {"replace", "cr:replace"},
        {"samplingRate", "cr:samplingRate"}, {"sc", "https://schema.org/"}, {"separator", "cr:separator"},
        {"source", "cr:source"}, {"subField", "cr:subField"}, {"transform", "cr:transform"},
    };

    private CroissantJsonLayout() {
    }

    /**
     * @param md5 measurement id -> MD5 hex of its JSONL bytes
     * @return the document tree (maps keep key order)
     */
    static Map<String, Object> document(Dataset dataset, CroissantMetadata meta, Map<String, String> md5) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("@context", context());
        root.put("@type", "sc:Dataset");
        putIfPresent(root, "name", meta.name());
        putIfPresent(root, "description", meta.description());
        root.put("conformsTo", CONFORMS_TO);
        putIfPresent(root, "citeAs", meta.citeAs());
        putIfPresent(root, "datePublished", meta.datePublished());
        putIfPresent(root, "license", meta.license());
        putIfPresent(root, "version", meta.version());
        List<Object> distribution = new ArrayList<>();
        List<Object> recordSets = new ArrayList<>();
        for (Measurement m : dataset.measurements()) {
            distribution.add(fileObject(m, md5.get(m.id())));
            recordSets.add(measurementRecordSet(m));
            recordSets.add(initsRecordSet(m));
        }
        root.put("distribution", distribution);
        root.put("recordSet", recordSets);
        return root;
    }

    private static Map<String, Object> context() {
        Map<String, Object> ctx = new LinkedHashMap<>();
        for (String[] c : CONTEXT) {
            if (c.length == 2) {
                ctx.put(c[0], c[1]);
            } else {
                Map<String, Object> typed = new LinkedHashMap<>();
                typed.put("@id", c[1]);
                typed.put("@type", c[2]);
                ctx.put(c[0], typed);
            }
        }
        return ctx;
    }

    private static Map<String, Object> fileObject(Measurement m, String md5) {
        Map<String, Object> f = node("cr:FileObject", m.id() + "_data", nameOf(m), descriptionOf(m));
        f.put("contentUrl", m.id() + ".jsonl");
        f.put("encodingFormat", "application/jsonlines");
        f.put("md5", md5);
        return f;
    }

    private static Map<String, Object> measurementRecordSet(Measurement m) {
        Map<String, Object> rs = node("cr:RecordSet", m.id(), nameOf(m), descriptionOf(m));
        List<Object> fields = new ArrayList<>();
        for (String state : m.data().keySet()) {
            fields.add(sourcedField(m.id(), state, "The measurements of " + state + "."));
        }
        fields.add(sourcedField(m.id(), JsonLinesReader.TIME, "The time points of the measurements."));
        rs.put("field", fields);
        return rs;
    }

    private static Map<String, Object> initsRecordSet(Measurement m) {
        String id = m.id() + "/inits";
        Map<String, Object> rs = node("cr:RecordSet", id, m.id() + "_inits", "Initial Conditions for " + m.id());
        List<Object> fields = new ArrayList<>();
        Map<String, Object> data = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : m.initialConditions().entrySet()) {
            Map<String, Object> f = node("cr:Field", id + "/" + e.getKey(), e.getKey(),
                    "The initial conditions of " + e.getKey() + ".");
            f.put("dataType", "sc:Float");
            fields.add(f);
            data.put(id + "/" + e.getKey(), e.getValue());
        }
        rs.put("field", fields);
        rs.put("data", data);
        return rs;
    }

    private static Map<String, Object> sourcedField(String mid, String column, String description) {
        Map<String, Object> f = node("cr:Field", mid + "/" + column, column, description);
        f.put("dataType", "sc:Float");
        Map<String, Object> fileObject = new LinkedHashMap<>();
        fileObject.put("@id", mid + "_data");
        Map<String, Object> extract = new LinkedHashMap<>();
        extract.put("column", column);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("fileObject", fileObject);
        source.put("extract", extract);
        f.put("source", source);
        return f;
    }

    private static Map<String, Object> node(String type, String id, String name, String description) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("@type", type);
        n.put("@id", id);
        n.put("name", name);
        n.put("description", description);
        return n;
    }

    private static String nameOf(Measurement m) {
        return m.name() == null || m.name().isEmpty() ? m.id() : m.name();
    }

    private static String descriptionOf(Measurement m) {
        return m.description() == null || m.description().isEmpty()
                ? CroissantReader.DEFAULT_DESCRIPTION : m.description();
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }
}

package org.neuralode.io.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neuralode.InputException;
import org.neuralode.NestingDepth;
import org.neuralode.data.PythonJsonWriter;

/**
 * Reads and writes Catalax {@code .eqx} files as bytes (Catalax's saved models): one UTF-8 JSON line
 * {@code {"hyperparameters": {...}}}, then NumPy {@code .npy} v1.0 records (layout in {@link EqxModel}).
 *
 * <p>A file written by Catalax reads and writes back byte for byte: the JSON line is re-emitted as Python's
 * {@code json.dumps} does ({@link PythonJsonWriter}, keys in file order), each record's preamble as NumPy's
 * {@code np.save} does ({@link NpyHeader}), and array bytes are kept as read. Reading checks every record
 * and that the trailing hyperparameter records agree with the JSON line; the JSON line may nest at most
 * {@link NestingDepth#MAX_DEPTH} levels. Stateless and thread-safe.
 */
public final class EqxCodec {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private EqxCodec() {
    }

    /**
     * Parses an {@code .eqx} file.
     *
     * @param bytes  the whole file
     * @param source the file name, used in messages
     * @throws InputException naming the file and the record for a missing or malformed JSON line, a bad or
     *                        truncated record, an unsupported dtype, or records that disagree with the JSON
     */
    public static EqxModel read(byte[] bytes, String source) {
        int nl = indexOf(bytes, (byte) '\n');
        if (nl < 0) {
            throw new InputException(source, "no JSON header line (no newline in " + bytes.length + " bytes)");
        }
        ObjectNode header = parseHeader(new String(bytes, 0, nl, StandardCharsets.UTF_8), source);
        List<NpyArray> records = readRecords(ByteBuffer.wrap(bytes, nl + 1, bytes.length - nl - 1), source);
        return split(header, records, source);
    }

    /** Assigns the records to their roles, counting from the end, and checks them against the JSON. */
    private static EqxModel split(ObjectNode header, List<NpyArray> records, String source) {
        JsonNode hyper = header.get("hyperparameters");
        List<NpyArray> expectedTrailing = EqxLeaves.of(hyper);
        JsonNode obsJson = hyper.get("observable_indices");
        int nObs = obsJson != null && obsJson.isArray() ? obsJson.size() : 1; // Catalax's default is [0]
        int nLayers = records.size() - expectedTrailing.size() - nObs - 1;
        if (nLayers < 1) {
            throw new InputException(source, records.size() + " arrays, but the hyperparameters imply at least "
                    + (expectedTrailing.size() + nObs + 2) + " (layers, max_time, " + nObs
                    + " observable indices, " + expectedTrailing.size() + " hyperparameter values)");
        }
        NpyArray maxTime = records.get(nLayers);
        if (maxTime.ndim() != 0 || !maxTime.dtype().isFloat()) {
            throw new InputException(source, "record " + nLayers + " (max_time) is " + maxTime
                    + ", expected a 0-d float");
        }
        List<NpyArray> obs = records.subList(nLayers + 1, nLayers + 1 + nObs);
        checkObservable(obs, obsJson, nLayers + 1, source);
        List<NpyArray> trailing = records.subList(nLayers + 1 + nObs, records.size());
        for (int i = 0; i < trailing.size(); i++) {
            if (!EqxLeaves.sameLeaf(expectedTrailing.get(i), trailing.get(i))) {
                throw new InputException(source, "record " + (nLayers + 1 + nObs + i) + " is " + trailing.get(i)
                        + " = " + describe(trailing.get(i)) + ", but hyperparameter value " + i
                        + " (sorted keys) is " + describe(expectedTrailing.get(i)));
            }
        }
        return new EqxModel(header, records.subList(0, nLayers), maxTime, obs, trailing);
    }

    private static void checkObservable(List<NpyArray> obs, JsonNode obsJson, int first, String source) {
        for (int i = 0; i < obs.size(); i++) {
            NpyArray o = obs.get(i);
            boolean ok = o.ndim() == 0 && o.dtype().isInteger()
                    && (obsJson == null || o.getLong(0) == obsJson.path(i).asLong(Long.MIN_VALUE));
            if (!ok) {
                throw new InputException(source, "record " + (first + i) + " (observable index " + i
                        + ") is " + o + ", expected a 0-d int equal to observable_indices[" + i + "] = "
                        + (obsJson == null ? "0" : obsJson.path(i)));
            }
        }
    }

    /** The file bytes for {@code model}: the JSON line, then every record in order. */
    public static byte[] write(EqxModel model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((PythonJsonWriter.compact(JSON.convertValue(model.header(), Object.class)) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        List<NpyArray> all = new ArrayList<>(model.layers());
        all.add(model.maxTime());
        all.addAll(model.observableIndices());
        all.addAll(model.hyperparameterRecords());
        for (NpyArray a : all) {
            out.writeBytes(NpyHeader.encode(a.dtype().descr(), Arrays.stream(a.shape()).asLongStream().toArray()));
            out.writeBytes(a.data());
        }
        return out.toByteArray();
    }

    private static ObjectNode parseHeader(String line, String source) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InputException(source, "first line is not JSON: " + e.getOriginalMessage(), e);
        }
        NestingDepth.require(node, source);
        if (node == null || !node.isObject() || !node.path("hyperparameters").isObject()) {
            throw new InputException(source, "first line must be a JSON object with a \"hyperparameters\" "
                    + "object, got " + abbreviate(line));
        }
        return (ObjectNode) node;
    }

    private static List<NpyArray> readRecords(ByteBuffer buf, String source) {
        List<NpyArray> records = new ArrayList<>();
        ByteBuffer b = buf.slice();
        while (b.hasRemaining()) {
            int index = records.size();
            String where = source + ": record " + index + " (byte " + (buf.position() + b.position()) + ")";
            NpyHeader h = NpyHeader.read(b, where);
            NpyDtype dtype = NpyDtype.byDescr(h.descr());
            if (dtype == null) {
                throw new InputException(where, "unsupported dtype '" + h.descr() + "'; supported: "
                        + Arrays.stream(NpyDtype.values()).map(NpyDtype::descr).toList());
            }
            long n = 1;
            for (long d : h.shape()) {
                if (d > Integer.MAX_VALUE) {
                    throw new InputException(where, "dimension " + d + " too large");
                }
                n = Math.min(n * d, Integer.MAX_VALUE);
            }
            if (h.fortranOrder() && h.shape().length > 1) {
                throw new InputException(where, "Fortran-order arrays are not supported");
            }
            long bytes = n * dtype.itemSize();
            if (h.shape().length > 8 || bytes > b.remaining()) {
                throw new InputException(where, "truncated: shape " + NpyHeader.shapeRepr(h.shape()) + " of "
                        + h.descr() + " needs " + bytes + " bytes, " + b.remaining() + " left");
            }
            byte[] data = new byte[(int) bytes];
            b.get(data);
            int[] shape = Arrays.stream(h.shape()).mapToInt(d -> (int) d).toArray();
            records.add(new NpyArray(dtype, shape, data));
        }
        return records;
    }

    private static String describe(NpyArray a) {
        if (a.size() != 1) {
            return a.toString();
        }
        return a.dtype().isFloat() ? Double.toString(a.getDouble(0)) : Long.toString(a.getLong(0));
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}

package org.neuralode.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

/** JSON text of plain values (maps, lists, numbers) for outputs: compact for stdout, indented for files. */
public final class JsonText {

    private static final JsonMapper COMPACT = JsonMapper.builder().build();
    private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonText() {
    }

    /** One line, no trailing newline. */
    public static String compact(Object value) {
        return write(COMPACT, value);
    }

    /** Indented, with a trailing newline. */
    public static String pretty(Object value) {
        return write(PRETTY, value) + "\n";
    }

    private static String write(JsonMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.neuralode.data;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.neuralode.InputException;

/**
 * Strict UTF-8 decoding of user files: malformed bytes are an error naming the file, never replaced by
 * U+FFFD. A leading byte-order mark is dropped. Stateless and thread-safe.
 */
final class TextDecoding {

    private TextDecoding() {
    }

    /**
     * @param bytes  the file's bytes
     * @param source file or archive name, for the message
     * @param where  location inside it (e.g. {@code "entry 'a.jsonl'"}), or null
     * @return the decoded text without a BOM
     * @throws InputException if the bytes are not valid UTF-8
     */
    static String utf8(byte[] bytes, String source, String where) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            String prefix = where == null ? "" : where + ": ";
            throw new InputException(source, prefix + "not valid UTF-8 text (" + e.getMessage() + ")", e);
        }
    }
}

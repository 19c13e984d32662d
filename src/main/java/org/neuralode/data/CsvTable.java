package org.neuralode.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neuralode.InputException;

/**
 * A parsed CSV file (RFC 4180 as pandas writes it): a header row and data rows, each row remembering the
 * physical line it starts on. Supports quoted fields with {@code ""} escapes and embedded separators or
 * newlines, {@code \n} or {@code \r\n} line ends, a UTF-8 BOM; skips blank lines (as pandas does).
 * Every row must have as many fields as the header; header names must be non-empty and distinct.
 *
 * <p>Immutable once parsed.
 */
final class CsvTable {

    /** One data row: {@code line} is the 1-based line it starts on. */
    record Row(int line, List<String> fields) {
    }

    final List<String> header;
    final List<Row> rows;
    private final Map<String, Integer> columns = new HashMap<>();

    private CsvTable(List<String> header, List<Row> rows) {
        this.header = header;
        this.rows = rows;
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i), i);
        }
    }

    /**
     * @param bytes  the file (UTF-8)
     * @param source the file's name, for messages
     * @throws InputException on bad encoding, an unterminated quote, a ragged row or a bad header
     */
    static CsvTable parse(byte[] bytes, String source) {
        List<Row> all = new Splitter(TextDecoding.utf8(bytes, source, null), source).rows();
        if (all.isEmpty()) {
            throw new InputException(source, "file is empty (expected a header row)");
        }
        Row head = all.get(0);
        List<String> header = new ArrayList<>();
        for (String h : head.fields()) {
            String name = h.strip();
            if (name.isEmpty()) {
                throw new InputException(source, "line " + head.line() + ": header has an empty column name"
                        + " (column " + (header.size() + 1) + "; a pandas index? write with index=False)");
            }
            if (header.contains(name)) {
                throw new InputException(source, "line " + head.line() + ": column '" + name + "' appears twice");
            }
            header.add(name);
        }
        List<Row> rows = all.subList(1, all.size());
        for (Row r : rows) {
            if (r.fields().size() != header.size()) {
                throw new InputException(source, "line " + r.line() + ": has " + r.fields().size()
                        + " fields but the header has " + header.size() + " " + header);
            }
        }
        return new CsvTable(List.copyOf(header), List.copyOf(rows));
    }

    /** Index of a column, or -1. */
    int column(String name) {
        return columns.getOrDefault(name, -1);
    }

    /** Index of a required column. */
    int requiredColumn(String name, String source) {
        int c = column(name);
        if (c < 0) {
            throw new InputException(source, "line 1: missing column '" + name + "' (header " + header + ")");
        }
        return c;
    }

    /** A character-level RFC 4180 splitter; one instance per parse. */
    private static final class Splitter {
        private final String text;
        private final String source;
        private int pos;
        private int line = 1;

        Splitter(String text, String source) {
            this.text = text;
            this.source = source;
        }

        List<Row> rows() {
            List<Row> out = new ArrayList<>();
            while (pos < text.length()) {
                int start = line;
                List<String> fields = row();
                boolean blank = fields.size() == 1 && fields.get(0).isBlank();
                if (!blank) {
                    out.add(new Row(start, fields));
                }
            }
            return out;
        }

        private List<String> row() {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (quoted) {
                    if (c == '"' && pos < text.length() && text.charAt(pos) == '"') {
                        field.append('"');
                        pos++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        line += c == '\n' ? 1 : 0;
                        field.append(c);
                    }
                } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                } else if (c == '\n') {
                    line++;
                    break;
                } else if (c != '\r' || pos >= text.length() || text.charAt(pos) != '\n') {
                    field.append(c);
                }
            }
            if (quoted) {
                throw new InputException(source, "line " + line + ": unterminated quoted field");
            }
            fields.add(field.toString());
            return fields;
        }
    }
}

package org.neuralode.io.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.neuralode.InputException;

/**
 * The preamble of a NumPy {@code .npy} record: magic {@code \x93NUMPY}, version, header length and the
 * header, a Python dict literal such as {@code {'descr': '<f4', 'fortran_order': False, 'shape': (4, 2), }}.
 *
 * <p>Writing follows NumPy's {@code numpy.lib.format} exactly (version 1.0): keys sorted, values as Python
 * {@code repr}, then as many spaces as the shape's first dimension has digits fewer than 21 (room to grow
 * the array in place; none for a 0-d array), then spaces and a final {@code '\n'} so that the whole
 * preamble (10 bytes + header) is a multiple of 64 bytes, padding at least one space. Reading accepts
 * versions 1.0, 2.0 and 3.0 and any dict key order. Stateless and thread-safe.
 *
 * @param descr        the dtype string, e.g. {@code "<f4"}
 * @param fortranOrder NumPy's {@code fortran_order} flag
 * @param shape        the dimensions
 */
public record NpyHeader(String descr, boolean fortranOrder, long[] shape) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    /** The version 1.0 preamble NumPy writes for a C-order array of this dtype and shape. */
    public static byte[] encode(String descr, long[] shape) {
        StringBuilder h = new StringBuilder("{'descr': '").append(descr)
                .append("', 'fortran_order': False, 'shape': ").append(shapeRepr(shape)).append(", }");
        if (shape.length > 0) {
            h.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length())));
        }
        int hlen = h.length() + 1;
        int pad = ALIGN - ((MAGIC.length + 4 + hlen) % ALIGN);
        h.append(" ".repeat(pad)).append('\n');
        byte[] text = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (text.length > 0xFFFF) {
            throw new IllegalArgumentException("npy header too long for version 1.0: " + text.length);
        }
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return b.array();
    }

    /** Python's repr of a tuple of ints: {@code ()}, {@code (4,)}, {@code (4, 2)}. */
    static String shapeRepr(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return s.append(')').toString();
    }

    /**
     * Reads a preamble at the buffer's position and leaves the position at the first data byte.
     *
     * @param where names the record in messages, e.g. {@code "m.eqx: record 3"}
     * @throws InputException on a bad magic, version, length or dict
     */
    public static NpyHeader read(ByteBuffer buf, String where) {
        buf.order(ByteOrder.LITTLE_ENDIAN);
        if (buf.remaining() < MAGIC.length + 4) {
            throw new InputException(where, "truncated npy preamble (" + buf.remaining() + " bytes left)");
        }
        for (byte m : MAGIC) {
            if (buf.get() != m) {
                throw new InputException(where, "not a NumPy .npy record (bad magic)");
            }
        }
        int major = buf.get() & 0xFF;
        int minor = buf.get() & 0xFF;
        long len;
        if (major == 1 && minor == 0) {
            len = buf.getShort() & 0xFFFF;
        } else if ((major == 2 || major == 3) && minor == 0) {
            if (buf.remaining() < 4) {
                throw new InputException(where, "truncated npy preamble");
            }
            len = buf.getInt() & 0xFFFFFFFFL;
        } else {
            throw new InputException(where, "unsupported npy version " + major + "." + minor);
        }
        if (len > buf.remaining()) {
            throw new InputException(where, "npy header of " + len + " bytes runs past the end ("
                    + buf.remaining() + " left)");
        }
        byte[] text = new byte[(int) len];
        buf.get(text);
        return parse(new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1), where);
    }

    /** Parses the dict literal. @throws InputException naming what is missing or malformed */
    static NpyHeader parse(String text, String where) {
        PyLiteral p = new PyLiteral(text.strip(), where);
        String descr = null;
        Boolean fortran = null;
        long[] shape = null;
        p.expect('{');
        while (!p.peek('}')) {
            String key = p.string();
            p.expect(':');
            switch (key) {
                case "descr" -> descr = p.string();
                case "fortran_order" -> fortran = p.bool();
                case "shape" -> shape = p.intTuple();
                default -> throw new InputException(where, "unexpected key '" + key + "' in npy header " + text.strip());
            }
            if (!p.peek('}')) {
                p.expect(',');
            }
        }
        p.expect('}');
        if (descr == null || fortran == null || shape == null) {
            throw new InputException(where, "npy header lacks descr, fortran_order or shape: " + text.strip());
        }
        return new NpyHeader(descr, fortran, shape);
    }

    /** A cursor over the few Python literals an npy header uses. */
    private static final class PyLiteral {
        private final String s;
        private final String where;
        private int i;

        PyLiteral(String s, String where) {
            this.s = s;
            this.where = where;
        }

        boolean peek(char c) {
            skipSpace();
            return i < s.length() && s.charAt(i) == c;
        }

        void expect(char c) {
            if (!peek(c)) {
                throw fail("expected '" + c + "'");
            }
            i++;
        }

        String string() {
            skipSpace();
            char q = i < s.length() ? s.charAt(i) : 0;
            if (q != '\'' && q != '"') {
                throw fail("expected a string");
            }
            int end = s.indexOf(q, i + 1);
            if (end < 0) {
                throw fail("unterminated string");
            }
            String v = s.substring(i + 1, end);
            i = end + 1;
            return v;
        }

        boolean bool() {
            skipSpace();
            if (s.startsWith("True", i)) {
                i += 4;
                return true;
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return false;
            }
            throw fail("expected True or False");
        }

        long[] intTuple() {
            expect('(');
            List<Long> dims = new ArrayList<>();
            while (!peek(')')) {
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                if (start == i || i - start > 18) {
                    throw fail("expected a dimension");
                }
                dims.add(Long.parseLong(s.substring(start, i)));
                if (i < s.length() && s.charAt(i) == 'L') {
                    i++; // Python 2 long suffix
                }
                if (!peek(')')) {
                    expect(',');
                }
            }
            expect(')');
            return dims.stream().mapToLong(Long::longValue).toArray();
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private InputException fail(String what) {
            return new InputException(where, "malformed npy header (" + what + " at column " + i + "): " + s);
        }
    }
}

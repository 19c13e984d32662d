package org.neuralode.io.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.neuralode.InputException;

class NpyHeaderTest {

    private static String text(byte[] preamble) {
        return new String(preamble, 10, preamble.length - 10, StandardCharsets.ISO_8859_1);
    }

    @Test
    void encodesLikeNumPy() {
        // NumPy 2.4: np.lib.format.write_array_header_1_0(f, {'descr': '<f4', 'fortran_order': False,
        // 'shape': s}) -> total length, and the header text stripped of padding
        byte[] p = NpyHeader.encode("<f4", new long[] {4, 2});
        assertEquals(128, p.length);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (4, 2), }", text(p).strip());
        assertTrue(text(p).endsWith(" \n"));
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0x76, 0},
                java.util.Arrays.copyOf(p, 10));
        assertEquals("{'descr': '<i8', 'fortran_order': False, 'shape': (), }",
                text(NpyHeader.encode("<i8", new long[0])).strip());
        assertEquals("{'descr': '|b1', 'fortran_order': False, 'shape': (4,), }",
                text(NpyHeader.encode("|b1", new long[] {4})).strip());
        // growth-axis padding (21 - digits of shape[0] spaces) decides these two: NumPy gives 192 and 128
        assertEquals(192, NpyHeader.encode("<f4", new long[] {1, 1_000_000_000_000_000_000L,
                1_000_000_000_000_000_000L}).length);
        assertEquals(128, NpyHeader.encode("<f4", new long[] {1, 1_000_000_000_000_000_000L,
                10_000_000_000_000_000L}).length);
        assertEquals(128, NpyHeader.encode("<f4", new long[] {123456789, 7, 3}).length);
    }

    @Test
    void readsAnyKeyOrderAndVersion2() {
        String dict = "{'shape': (3L, 5), 'fortran_order': False, 'descr': '<f8'}";
        ByteBuffer b = ByteBuffer.allocate(12 + dict.length() + 1).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(dict.length() + 1)
                .put((dict + "\n").getBytes(StandardCharsets.ISO_8859_1)).flip();
        NpyHeader h = NpyHeader.read(b, "x");
        assertEquals("<f8", h.descr());
        assertFalse(h.fortranOrder());
        assertArrayEquals(new long[] {3, 5}, h.shape());
        assertEquals(b.limit(), b.position());
        NpyHeader round = NpyHeader.read(ByteBuffer.wrap(NpyHeader.encode("<f4", new long[] {4})), "y");
        assertArrayEquals(new long[] {4}, round.shape());
    }

    @Test
    void rejectsMalformedPreambles() {
        byte[] good = NpyHeader.encode("<f4", new long[] {4, 2});
        byte[] badMagic = good.clone();
        badMagic[1] = 'X';
        InputException e = assertThrows(InputException.class, () -> NpyHeader.read(ByteBuffer.wrap(badMagic), "f.eqx"));
        assertTrue(e.getMessage().startsWith("f.eqx: ") && e.getMessage().contains("magic"), e.getMessage());
        byte[] badVersion = good.clone();
        badVersion[6] = 9;
        assertThrows(InputException.class, () -> NpyHeader.read(ByteBuffer.wrap(badVersion), "f"));
        assertThrows(InputException.class,
                () -> NpyHeader.read(ByteBuffer.wrap(java.util.Arrays.copyOf(good, 50)), "f"));
        assertThrows(InputException.class, () -> NpyHeader.parse("{'descr': '<f4', 'shape': (4, 2)}", "f"));
        assertThrows(InputException.class, () -> NpyHeader.parse("{'descr': '<f4', 'fortran_order': Maybe}", "f"));
        assertThrows(InputException.class, () -> NpyHeader.parse("{'descr': '<f4', 'shape': (a,)}", "f"));
    }
}

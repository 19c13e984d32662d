package org.neuralode.data;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Content hashes as lowercase hex strings: MD5 (Croissant's {@code md5} of each data file) and SHA-256
 * (dataset provenance). Stateless and thread-safe.
 */
public final class Hashes {

    private Hashes() {
    }

    /** MD5 of {@code bytes}, 32 lowercase hex digits (Python's {@code hashlib.md5(b).hexdigest()}). */
    public static String md5(byte[] bytes) {
        return hex(digest("MD5", bytes));
    }

    /** SHA-256 of {@code bytes}, 64 lowercase hex digits. */
    public static String sha256(byte[] bytes) {
        return hex(digest("SHA-256", bytes));
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide MD5 and SHA-256 (MessageDigest Javadoc).
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    private static String hex(byte[] digest) {
        StringBuilder sb = new StringBuilder(digest.length * 2);
        for (byte b : digest) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }
}

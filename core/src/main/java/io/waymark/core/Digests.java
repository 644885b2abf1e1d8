package io.waymark.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of text as lower-case hex (the same as DuckDB's {@code sha256()}), whole or cut to its first bytes. */
public final class Digests {
    private Digests() {
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text, 32);
    }

    /** The hex of the digest's first {@code bytes} bytes. */
    public static String sha256Hex(String text, int bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

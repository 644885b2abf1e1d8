package io.waymark.collector;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decides whether a span of request bytes can be copied into a log row as it is: whether, apart
 * from insignificant whitespace, it is byte for byte what {@code EventRowCodec}'s Jackson
 * generator would write after parsing it into a tree. Most clients (JSON.stringify in the Node
 * and browser libraries) send exactly that form, so their nested objects need no parse and no
 * second serialization. Anything else takes the tree path, which defines the stored form.
 *
 * <p>What the generator writes differently from its input (each case sends the span to the tree path):
 * <ul>
 * <li>escapes other than {@code \" \\ \b \t \n \f \r}: it writes {@code \/} as {@code /},
 *     a <code>&#92;u00e9</code> escape as UTF-8 and spells <code>&#92;u</code> escapes in upper case;</li>
 * <li>characters outside the Basic Multilingual Plane: it writes them as two <code>&#92;u</code> escapes
 *     (Jackson's {@code COMBINE_UNICODE_SURROGATES_IN_UTF8} is off), and lone surrogates become U+FFFD;</li>
 * <li>byte sequences that are not well-formed UTF-8 (overlong forms, encoded surrogates), which
 *     Jackson's decoder may accept and then re-encodes;</li>
 * <li>numbers: {@code -0} becomes {@code 0}, and floating-point numbers are printed with
 *     {@link Double#toString(double)} ({@code 1e3} becomes {@code 1000.0}, {@code 0.50} becomes {@code 0.5}).</li>
 * </ul>
 * A span whose objects repeat a key also goes to the tree path, which keeps the last value where
 * copied bytes would keep both ({@link Keys}).
 *
 * <p>The input is already known to be valid JSON (Jackson's parser read it), and a span starts and
 * ends at token boundaries, so it never starts or ends inside a string or a number.
 */
final class CanonicalJson {
    /** {@link #check} results. */
    static final int NOT_CANONICAL = -1;
    static final int COMPACT = 0;
    static final int HAS_WHITESPACE = 1;

    private CanonicalJson() {
    }

    /** {@link #check(byte[], int, int, Keys)} of a span that is one whole object. */
    static int check(byte[] in, int from, int to) {
        return check(in, from, to, new Keys());
    }

    /**
     * Whether {@code in[from, to)} may be copied: {@link #COMPACT}, {@link #HAS_WHITESPACE} (copy without it) or
     * {@link #NOT_CANONICAL}. {@code keys} holds the keys of the objects still open, so that an object split over
     * several spans is checked as one.
     */
    static int check(byte[] in, int from, int to, Keys keys) {
        int result = COMPACT;
        int i = from;
        while (i < to) {
            int b = in[i] & 0xFF;
            if (b == '"') {
                int end = endOfString(in, i + 1, to);
                if (end < 0 || (isKey(in, end, to) && !keys.add(in, i + 1, end - 1))) {
                    return NOT_CANONICAL;
                }
                i = end;
            } else if (b == '{') {
                keys.open();
                i++;
            } else if (b == '}') {
                keys.close();
                i++;
            } else if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                result = HAS_WHITESPACE;
                i++;
            } else if (b == '-' || (b >= '0' && b <= '9')) {
                int end = endOfNumber(in, i, to);
                if (!canonicalNumber(in, i, end)) {
                    return NOT_CANONICAL;
                }
                i = end;
            } else {
                i++;
            }
        }
        return result;
    }

    /** Whether the string that ends before {@code end} is an object key: a colon follows it. */
    private static boolean isKey(byte[] in, int end, int to) {
        int j = end;
        while (j < to && (in[j] == ' ' || in[j] == '\n' || in[j] == '\r' || in[j] == '\t')) {
            j++;
        }
        return j < to && in[j] == ':';
    }

    /**
     * The keys of the objects open during a check, per nesting level, as 64-bit hashes of their
     * bytes (a canonical key has one spelling, so equal keys have equal bytes). A repeated hash
     * counts as a repeated key: a collision only costs the tree path. Objects with more than
     * {@link #MAX_KEYS} keys take the tree path too, which keeps the scan linear in the span's size.
     * This replaces Jackson's strict duplicate detection, whose per-object hash sets were a tenth of
     * a request's CPU time (BENCHMARKS.md).
     */
    static final class Keys {
        static final int MAX_KEYS = 32;
        private long[] hashes = new long[4 * MAX_KEYS];
        private int[] counts = new int[4];
        private int depth = -1;

        void open() {
            depth++;
            if (depth == counts.length) {
                counts = java.util.Arrays.copyOf(counts, 2 * depth);
                hashes = java.util.Arrays.copyOf(hashes, 2 * depth * MAX_KEYS);
            }
            counts[depth] = 0;
        }

        void close() {
            depth--;
        }

        /** Adds the key {@code in[from, to)} to the innermost open object; false when it may be there already. */
        boolean add(byte[] in, int from, int to) {
            long h = 0xCBF29CE484222325L;
            for (int i = from; i < to; i++) {
                h = (h ^ (in[i] & 0xFF)) * 0x100000001B3L;
            }
            return add(h);
        }

        boolean add(long hash) {
            if (depth < 0 || counts[depth] == MAX_KEYS) {
                return false;
            }
            int base = depth * MAX_KEYS;
            int n = counts[depth];
            for (int i = 0; i < n; i++) {
                if (hashes[base + i] == hash) {
                    return false;
                }
            }
            hashes[base + n] = hash;
            counts[depth] = n + 1;
            return true;
        }
    }

    /** Copies a span that {@link #check} accepted, leaving out the whitespace between tokens. */
    static void copy(byte[] in, int from, int to, int checked, ByteArrayOutputStream out) {
        if (checked == COMPACT) {
            out.write(in, from, to - from);
            return;
        }
        int run = from;
        int i = from;
        while (i < to) {
            int b = in[i] & 0xFF;
            if (b == '"') {
                i = endOfString(in, i + 1, to);
            } else if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                out.write(in, run, i - run);
                run = ++i;
            } else {
                i++;
            }
        }
        out.write(in, run, to - run);
    }

    /** The last byte of {@code in[from, to)} that is not whitespace, or -1. */
    static int lastToken(byte[] in, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            int b = in[i];
            if (!(b == ' ' || b == '\n' || b == '\r' || b == '\t')) {
                return b;
            }
        }
        return -1;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;

    /**
     * Whether none of the 8 bytes is a quote, a backslash, a control character or part of a multi-byte
     * character: bitwise tests on the whole word (a zero byte in {@code x ^ c} marks a byte equal to c;
     * "Determine if a word has a zero byte", Anderson's Bit Twiddling Hacks). Long strings (user agents, URLs)
     * then cost an eighth of the byte-by-byte loop.
     */
    private static boolean plain(long x) {
        long quote = x ^ (ONES * '"');
        long backslash = x ^ (ONES * '\\');
        return ((((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | (x - ONES * 0x20) | x) & HIGH) == 0;
    }

    /** Index after the closing quote, or -1 when the string holds something the generator writes differently. */
    private static int endOfString(byte[] in, int i, int to) {
        while (i + 8 <= to && plain((long) LONGS.get(in, i))) {
            i += 8;
        }
        while (i < to) {
            int b = in[i] & 0xFF;
            if (b == '"') {
                return i + 1;
            }
            if (b == '\\') {
                int e = i + 1 < to ? in[i + 1] : -1;
                if (!(e == '"' || e == '\\' || e == 'b' || e == 't' || e == 'n' || e == 'f' || e == 'r')) {
                    return -1;
                }
                i += 2;
            } else if (b < 0x20) {
                return -1;
            } else if (b < 0x80) {
                i++;
            } else {
                i = afterUtf8(in, i, to);
                if (i < 0) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /**
     * Index after a well-formed two- or three-byte UTF-8 sequence (Unicode 15, table 3-7),
     * excluding encoded surrogates; -1 for anything else, four-byte sequences included.
     */
    private static int afterUtf8(byte[] in, int i, int to) {
        int b0 = in[i] & 0xFF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            return i + 1 < to && continuation(in[i + 1], 0x80, 0xBF) ? i + 2 : -1;
        }
        if (b0 >= 0xE0 && b0 <= 0xEF && i + 2 < to) {
            int lo = b0 == 0xE0 ? 0xA0 : 0x80;
            int hi = b0 == 0xED ? 0x9F : 0xBF;
            return continuation(in[i + 1], lo, hi) && continuation(in[i + 2], 0x80, 0xBF) ? i + 3 : -1;
        }
        return -1;
    }

    private static boolean continuation(byte b, int lo, int hi) {
        int v = b & 0xFF;
        return v >= lo && v <= hi;
    }

    private static int endOfNumber(byte[] in, int i, int to) {
        int j = i + 1;
        while (j < to) {
            int b = in[j];
            if ((b >= '0' && b <= '9') || b == '.' || b == 'e' || b == 'E' || b == '+' || b == '-') {
                j++;
            } else {
                break;
            }
        }
        return j;
    }

    /**
     * Integers are copied as they are (JSON forbids leading zeros), except {@code -0}. Other
     * numbers are parsed as doubles, as the tree does, and must read as {@link Double#toString}
     * prints them, which is what the generator writes.
     */
    private static boolean canonicalNumber(byte[] in, int from, int to) {
        boolean integral = true;
        for (int i = from; i < to; i++) {
            int b = in[i];
            if (b == '.' || b == 'e' || b == 'E') {
                integral = false;
                break;
            }
        }
        if (integral) {
            return !(in[from] == '-' && in[from + 1] == '0');
        }
        String text = new String(in, from, to - from, StandardCharsets.ISO_8859_1);
        return Double.toString(Double.parseDouble(text)).equals(text);
    }
}

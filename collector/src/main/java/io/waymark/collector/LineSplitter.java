package io.waymark.collector;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into lines as bytes ({@code \n}, with a trailing {@code \r} dropped), without decoding them: the
 * JSON reader takes UTF-8 bytes directly. A line longer than {@code maxLength} is skipped without being held in memory
 * and reported as {@link #TOO_LONG}.
 */
final class LineSplitter {
    /** Stands for a line over the limit (compare by identity). */
    static final byte[] TOO_LONG = new byte[0];

    private final InputStream in;
    private final int maxLength;
    private final byte[] buffer = new byte[1 << 20];
    private int position;
    private int limit;
    private boolean eof;

    LineSplitter(InputStream in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** The next line, or null at the end of the stream. */
    byte[] next() throws IOException {
        byte[] partial = null;
        boolean tooLong = false;
        while (true) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    byte[] line = tooLong || i - position > maxLength ? TOO_LONG : join(partial, position, i);
                    position = i + 1;
                    return line;
                }
            }
            if (position < limit && !tooLong) {
                partial = join(partial, position, limit);
                if (partial.length > maxLength) {
                    tooLong = true;
                    partial = null;
                }
            }
            position = limit = 0;
            if (eof || !fill()) {
                return tooLong ? TOO_LONG : partial == null ? null : trimCarriageReturn(partial);
            }
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        limit = n;
        return true;
    }

    /** {@code partial} followed by {@code buffer[from, to)}, without a final carriage return when it ends a line. */
    private byte[] join(byte[] partial, int from, int to) {
        int length = to - from;
        byte[] out;
        if (partial == null) {
            out = Arrays.copyOfRange(buffer, from, to);
        } else {
            out = Arrays.copyOf(partial, partial.length + length);
            System.arraycopy(buffer, from, out, partial.length, length);
        }
        return to < limit && buffer[to] == '\n' ? trimCarriageReturn(out) : out;
    }

    private static byte[] trimCarriageReturn(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\r' ? Arrays.copyOf(line, line.length - 1) : line;
    }
}

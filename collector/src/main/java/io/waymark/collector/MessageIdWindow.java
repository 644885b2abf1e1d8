package io.waymark.collector;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Remembers the message ids accepted within at least {@code window} so that client retries are
 * stored once (Segment clients retry with the same messageId after a timeout). Ids are kept as
 * 128-bit digests in open-addressing arrays: ten million ids cost about 400 MB less than strings
 * would, and a false "duplicate" needs a 128-bit collision. Two generations rotate every window,
 * so an id is remembered for between one and two windows.
 */
public final class MessageIdWindow {
    private final Duration window;
    private final Clock clock;
    private Generation current = new Generation(1 << 16);
    private Generation previous = new Generation(16);
    private Instant rotatedAt;

    public MessageIdWindow(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
        this.rotatedAt = clock.instant();
    }

    /** Adds the id; false when it was already there (a duplicate). */
    public boolean add(String messageId) {
        long[] h = digest(messageId);
        synchronized (this) {
            rotateIfDue();
            if (previous.contains(h[0], h[1])) {
                return false;
            }
            return current.add(h[0], h[1]);
        }
    }

    /** Forgets an id whose event could not be made durable, so the client's retry is accepted. */
    public synchronized void remove(String messageId) {
        long[] h = digest(messageId);
        current.remove(h[0], h[1]);
        previous.remove(h[0], h[1]);
    }

    public synchronized long size() {
        return current.size + previous.size;
    }

    private void rotateIfDue() {
        Instant now = clock.instant();
        if (Duration.between(rotatedAt, now).compareTo(window) >= 0) {
            previous = current;
            current = new Generation(Math.max(16, Integer.highestOneBit(Math.max(previous.size, 8)) * 2));
            rotatedAt = now;
        }
    }

    /** MD5 as a well-spread 128-bit fingerprint (not for security); one instance per thread, as lookups are costly. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every JRE", e);
        }
    });

    private static long[] digest(String id) {
        ByteBuffer b = ByteBuffer.wrap(MD5.get().digest(id.getBytes(StandardCharsets.UTF_8)));
        return new long[] {b.getLong(), b.getLong()};
    }

    /**
     * Linear-probing set of 128-bit keys, both halves of a key side by side in one array so that a
     * probe touches one cache line (the table of a busy day is far larger than the caches);
     * (0,0) marks an empty slot, a tombstone is (0,1).
     */
    private static final class Generation {
        private long[] keys;
        private int size;
        private int used;

        Generation(int capacity) {
            keys = new long[2 * capacity];
        }

        private int capacity() {
            return keys.length >> 1;
        }

        boolean contains(long a, long b) {
            return find(fix(a, b), b) >= 0;
        }

        boolean add(long a, long b) {
            a = fix(a, b);
            if (find(a, b) >= 0) {
                return false;
            }
            if ((used + 1) * 4L >= capacity() * 3L) {
                resize();
            }
            int mask = capacity() - 1;
            int i = (int) (a ^ (a >>> 32)) & mask;
            while (!(keys[2 * i] == 0 && (keys[2 * i + 1] == 0 || keys[2 * i + 1] == 1))) {
                i = (i + 1) & mask;
            }
            if (keys[2 * i + 1] == 0) {
                used++;
            }
            keys[2 * i] = a;
            keys[2 * i + 1] = b;
            size++;
            return true;
        }

        void remove(long a, long b) {
            int i = find(fix(a, b), b);
            if (i >= 0) {
                keys[2 * i] = 0;
                keys[2 * i + 1] = 1;
                size--;
            }
        }

        private int find(long a, long b) {
            int mask = capacity() - 1;
            int i = (int) (a ^ (a >>> 32)) & mask;
            while (!(keys[2 * i] == 0 && keys[2 * i + 1] == 0)) {
                if (keys[2 * i] == a && keys[2 * i + 1] == b) {
                    return i;
                }
                i = (i + 1) & mask;
            }
            return -1;
        }

        private void resize() {
            long[] old = keys;
            int cap = size * 4L >= capacity() ? capacity() * 2 : capacity();
            keys = new long[2 * cap];
            size = 0;
            used = 0;
            for (int i = 0; i < old.length; i += 2) {
                if (old[i] != 0) {
                    add(old[i], old[i + 1]);
                }
            }
        }

        /** Keys never use hi == 0, which marks free and deleted slots. */
        private static long fix(long a, long b) {
            return a == 0 ? 0x9E3779B97F4A7C15L : a;
        }
    }
}

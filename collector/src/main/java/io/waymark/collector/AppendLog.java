package io.waymark.collector;

import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable, append-only ingestion log. A record is {@code [length:int][crc32c:int][payload]};
 * offsets are byte positions over all segment files. One writer thread group-commits: it writes
 * every record queued since its last fsync, calls {@code force} once, and only then completes the
 * callers' futures, so many concurrent requests share one fsync and no caller is acknowledged
 * before its bytes are on disk. On open, the tail is scanned and a torn or corrupt last record
 * (never acknowledged) is cut off.
 */
public final class AppendLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppendLog.class);
    static final int HEADER = 8;
    private static final String SUFFIX = ".wlog";

    /** One record read back from the log: its payload and the offset just past it. */
    public record Record(byte[] payload, long endOffset) {
    }

    private record Pending(byte[] payload, CompletableFuture<Long> done) {
    }

    private final Path dir;
    private final long segmentBytes;
    private final long maxPendingBytes;
    private final TreeMap<Long, Path> segments = new TreeMap<>();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Thread writer;
    // written by the writer thread only (and by open before it starts); volatile for readers
    private volatile FileChannel active;
    private volatile long activeBase;
    private volatile long end;
    private volatile long durableEnd;
    private long pendingBytes;
    private boolean closed;
    private IOException failure;
    private CompletableFuture<Void> rollRequest;

    private AppendLog(Path dir, long segmentBytes, long maxPendingBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.maxPendingBytes = maxPendingBytes;
        this.writer = new Thread(this::writeLoop, "waymark-log-writer");
        this.writer.setDaemon(true);
    }

    /**
     * Opens the log in {@code dir}. When the directory holds no segment yet, the log starts at
     * {@code startOffset} (the loader's checkpoint), so offsets keep growing across log resets.
     */
    public static AppendLog open(Path dir, long startOffset, long segmentBytes, long maxPendingBytes) {
        var log = new AppendLog(dir, segmentBytes, maxPendingBytes);
        try {
            log.recover(startOffset);
        } catch (IOException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot open the ingestion log in " + dir + ": " + e.getMessage(), e);
        }
        log.writer.start();
        return log;
    }

    private void recover(long startOffset) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).forEach(p -> {
                String n = p.getFileName().toString();
                segments.put(Long.parseLong(n.substring(0, n.length() - SUFFIX.length())), p);
            });
        }
        if (segments.isEmpty()) {
            openSegment(startOffset);
            return;
        }
        Map.Entry<Long, Path> last = segments.lastEntry();
        activeBase = last.getKey();
        active = FileChannel.open(last.getValue(), StandardOpenOption.READ, StandardOpenOption.WRITE);
        long valid = scanValidLength(active);
        if (valid < active.size()) {
            LOG.warn("ingestion log {}: cutting {} bytes of torn tail (never acknowledged)", last.getValue(), active.size() - valid);
            active.truncate(valid);
            active.force(true);
        }
        active.position(valid);
        end = activeBase + valid;
        durableEnd = end;
    }

    /** Length of the prefix of the file made of complete records with matching checksums. */
    private static long scanValidLength(FileChannel ch) throws IOException {
        long pos = 0;
        long size = ch.size();
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (pos + HEADER <= size) {
            header.clear();
            ch.read(header, pos);
            header.flip();
            int len = header.getInt();
            int crc = header.getInt();
            if (len <= 0 || pos + HEADER + len > size) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(len);
            ch.read(payload, pos + HEADER);
            if (crc(payload.array()) != crc) {
                break;
            }
            pos += HEADER + len;
        }
        return pos;
    }

    private void openSegment(long base) throws IOException {
        if (active != null) {
            active.force(true);
            active.close();
        }
        Path p = dir.resolve(String.format("%020d%s", base, SUFFIX));
        active = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        active.position(0);
        synchronized (queue) {
            segments.put(base, p);
        }
        activeBase = base;
        end = base;
        durableEnd = base;
        forceDirectory();
    }

    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the segment file itself is synced
        }
    }

    static int crc(byte[] payload) {
        CRC32C c = new CRC32C();
        c.update(payload);
        return (int) c.getValue();
    }

    /**
     * Queues a record; the future completes with the offset just past it once it is fsynced.
     * Refuses with OVERLOADED when too many bytes wait for the disk.
     */
    public CompletableFuture<Long> append(byte[] payload) {
        if (payload.length == 0) {
            throw new IllegalArgumentException("empty record");
        }
        var done = new CompletableFuture<Long>();
        synchronized (queue) {
            if (closed) {
                throw new WaymarkException(ErrorCode.OVERLOADED, "the server is shutting down");
            }
            if (failure != null) {
                throw new WaymarkException(ErrorCode.IO_FAILURE, "the ingestion log failed: " + failure.getMessage(), failure);
            }
            if (pendingBytes + payload.length > maxPendingBytes && pendingBytes > 0) {
                throw new WaymarkException(ErrorCode.OVERLOADED, "ingestion is overloaded; retry shortly");
            }
            pendingBytes += payload.length;
            queue.add(new Pending(payload, done));
            queue.notifyAll();
        }
        return done;
    }

    /**
     * Starts a new segment once what is queued is written, so that the records before it can be
     * deleted as soon as they are loaded (a forgotten person's events must not linger in the
     * active segment). Completes when the new segment is open.
     */
    public CompletableFuture<Void> roll() {
        synchronized (queue) {
            if (closed || failure != null) {
                return CompletableFuture.completedFuture(null);
            }
            if (rollRequest == null) {
                rollRequest = new CompletableFuture<>();
                queue.notifyAll();
            }
            return rollRequest;
        }
    }

    private void writeLoop() {
        var batch = new ArrayList<Pending>();
        while (true) {
            CompletableFuture<Void> roll;
            synchronized (queue) {
                while (queue.isEmpty() && !closed && rollRequest == null) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                roll = rollRequest;
                rollRequest = null;
                if (queue.isEmpty() && roll == null) {
                    return;
                }
                batch.addAll(queue);
                queue.clear();
            }
            try {
                long newEnd = batch.isEmpty() ? durableEnd : writeAndSync(batch);
                if (roll != null && end > activeBase) {
                    openSegment(end);
                }
                synchronized (queue) {
                    for (Pending p : batch) {
                        pendingBytes -= p.payload().length;
                    }
                    durableEnd = newEnd;
                    queue.notifyAll();
                }
                for (Pending p : batch) {
                    p.done().complete(newEnd);
                }
                if (roll != null) {
                    roll.complete(null);
                }
            } catch (IOException e) {
                if (roll != null) {
                    roll.completeExceptionally(e);
                }
                LOG.error("ingestion log write failed; refusing further events", e);
                synchronized (queue) {
                    failure = e;
                    batch.addAll(queue);
                    queue.clear();
                }
                for (Pending p : batch) {
                    p.done().completeExceptionally(new WaymarkException(ErrorCode.IO_FAILURE, "ingestion log write failed: " + e.getMessage(), e));
                }
                return;
            }
            batch.clear();
        }
    }

    private long writeAndSync(List<Pending> batch) throws IOException {
        int i = 0;
        while (i < batch.size()) {
            if (end - activeBase >= segmentBytes) {
                openSegment(end);
            }
            long room = Math.max(segmentBytes - (end - activeBase), 1);
            int size = 0;
            int j = i;
            while (j < batch.size() && (j == i || size + HEADER + batch.get(j).payload().length <= room)) {
                size += HEADER + batch.get(j).payload().length;
                j++;
            }
            ByteBuffer buf = ByteBuffer.allocate(size);
            for (int k = i; k < j; k++) {
                byte[] p = batch.get(k).payload();
                buf.putInt(p.length).putInt(crc(p)).put(p);
            }
            buf.flip();
            while (buf.hasRemaining()) {
                active.write(buf);
            }
            end += size;
            i = j;
        }
        active.force(false);
        return end;
    }

    /** The offset up to which records are durable (and so visible to readers). */
    public long durableEnd() {
        return durableEnd;
    }

    /** Waits until records beyond {@code offset} are durable, at most {@code timeoutMillis}. */
    public void awaitBeyond(long offset, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (queue) {
            while (durableEnd <= offset && !closed) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                queue.wait(left);
            }
        }
    }

    /** Reads durable records starting at {@code from}, up to about {@code maxBytes} of payload. */
    public List<Record> read(long from, int maxBytes) throws IOException {
        var out = new ArrayList<Record>();
        long limit = durableEnd;
        long pos = from;
        int bytes = 0;
        while (pos < limit && bytes < maxBytes) {
            Map.Entry<Long, Path> seg;
            synchronized (queue) {
                seg = segments.floorEntry(pos);
            }
            if (seg == null) {
                throw new IOException("offset " + pos + " is before the oldest log segment");
            }
            try (FileChannel ch = FileChannel.open(seg.getValue(), StandardOpenOption.READ)) {
                long segEnd = Math.min(limit, seg.getKey() + ch.size());
                if (pos >= segEnd) {
                    // the reader is at the end of a rolled segment: continue in the next one
                    Long next;
                    synchronized (queue) {
                        next = segments.higherKey(seg.getKey());
                    }
                    if (next == null || next <= pos) {
                        break;
                    }
                    pos = next;
                    continue;
                }
                ByteBuffer header = ByteBuffer.allocate(HEADER);
                while (pos < segEnd && bytes < maxBytes) {
                    header.clear();
                    ch.read(header, pos - seg.getKey());
                    header.flip();
                    int len = header.getInt();
                    int crc = header.getInt();
                    if (len <= 0 || pos + HEADER + len > segEnd) {
                        throw new IOException("corrupt log record at offset " + pos);
                    }
                    ByteBuffer payload = ByteBuffer.allocate(len);
                    while (payload.hasRemaining()) {
                        if (ch.read(payload, pos - seg.getKey() + HEADER + payload.position()) < 0) {
                            throw new IOException("log ends inside the record at offset " + pos);
                        }
                    }
                    if (crc(payload.array()) != crc) {
                        throw new IOException("checksum mismatch in log record at offset " + pos);
                    }
                    pos += HEADER + len;
                    bytes += len;
                    out.add(new Record(payload.array(), pos));
                }
            }
        }
        return out;
    }

    /** Deletes whole segments that end at or before {@code offset}; the active segment stays. */
    public void deleteBefore(long offset) {
        List<Path> doomed = new ArrayList<>();
        synchronized (queue) {
            while (segments.size() > 1) {
                Map.Entry<Long, Path> first = segments.firstEntry();
                Long next = segments.higherKey(first.getKey());
                if (next == null || next > offset || first.getKey() == activeBase) {
                    break;
                }
                segments.pollFirstEntry();
                doomed.add(first.getValue());
            }
        }
        for (Path p : doomed) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("cannot delete loaded log segment {}: {}", p, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        synchronized (queue) {
            closed = true;
            queue.notifyAll();
        }
        try {
            writer.join(10_000);
            if (writer.isAlive()) {
                LOG.warn("ingestion log writer still busy at shutdown; leaving its file open");
                return;
            }
            if (active != null) {
                active.force(true);
                active.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("closing the ingestion log: {}", e.getMessage());
        }
    }
}

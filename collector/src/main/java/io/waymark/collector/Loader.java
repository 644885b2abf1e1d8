package io.waymark.collector;

import io.waymark.store.DuckDbEventStore;
import io.waymark.core.error.WaymarkException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves durable log records into the store in large transactions. Each transaction also records
 * the log offset it reached, so after a crash loading resumes exactly where the store ends: no
 * record is loaded twice and none is skipped.
 *
 * <p>Loading costs more CPU per event than acknowledging it (BENCHMARKS.md), and on a small
 * machine the two compete for the same cores. Acknowledged events are already safe in the log,
 * so while events keep arriving the loader may rest between transactions to hold its share of
 * wall time to {@code share}; it loads flat out once ingestion pauses or it is more than
 * {@code maxLagBytes} behind, so the log stays bounded and a quiet server catches up at once.
 */
final class Loader implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Loader.class);

    private final AppendLog log;
    private final DuckDbEventStore store;
    private final int batchBytes;
    private final Quarantine quarantine;
    private final double share;
    private final long maxLagBytes;
    private volatile long loaded;
    private volatile boolean stopping;
    private final Thread thread;

    Loader(AppendLog log, DuckDbEventStore store, int batchBytes, Quarantine quarantine, double share, long maxLagBytes) {
        this.quarantine = quarantine;
        this.share = share;
        this.maxLagBytes = maxLagBytes;
        this.log = log;
        this.store = store;
        this.batchBytes = batchBytes;
        this.loaded = store.checkpoint();
        this.thread = new Thread(this, "waymark-loader");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    long loadedOffset() {
        return loaded;
    }

    @Override
    public void run() {
        while (true) {
            try {
                long started = System.nanoTime();
                long durableBefore = log.durableEnd();
                if (!loadOnce()) {
                    if (stopping) {
                        return;
                    }
                    log.awaitBeyond(loaded, 200);
                } else {
                    rest(System.nanoTime() - started, durableBefore);
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // the failure may have come after the commit: resume from what the store holds
                try {
                    loaded = store.checkpoint();
                } catch (RuntimeException unreadable) {
                    LOG.warn("cannot read the loader checkpoint: {}", unreadable.getMessage());
                }
                LOG.error("loading the ingestion log into the store failed; retrying in 1 s (events stay in the log)", e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** After a transaction that took {@code busyNanos}: rests so that loading keeps to its share, if events kept arriving. */
    private void rest(long busyNanos, long durableBefore) throws InterruptedException {
        long durable = log.durableEnd();
        if (share >= 1 || stopping || durable == durableBefore || durable - loaded > maxLagBytes) {
            return;
        }
        long restNanos = Math.min((long) (busyNanos * (1 - share) / share), 2_000_000_000L);
        Thread.sleep(restNanos / 1_000_000, (int) (restNanos % 1_000_000));
    }

    /** Loads one batch; false when the log had nothing new. */
    boolean loadOnce() throws IOException {
        List<AppendLog.Record> records = log.read(loaded, batchBytes);
        if (records.isEmpty()) {
            return false;
        }
        List<byte[]> payloads = new ArrayList<>(records.size());
        for (AppendLog.Record r : records) {
            payloads.add(r.payload());
        }
        long end = records.get(records.size() - 1).endOffset();
        try {
            store.appendEncoded(payloads, end);
        } catch (WaymarkException e) {
            if (!rejectedAsInput(e)) {
                throw e;
            }
            loadOneByOne(records);
        }
        loaded = end;
        log.deleteBefore(end);
        return true;
    }

    /**
     * A record the store refuses as input would otherwise stop loading for good. Records are
     * loaded one at a time and a refused one is moved, fsynced, to the quarantine directory
     * (named after its log offset) before the checkpoint passes it: kept for an operator, never lost.
     */
    private void loadOneByOne(List<AppendLog.Record> records) throws IOException {
        for (AppendLog.Record r : records) {
            try {
                store.appendEncoded(List.of(r.payload()), r.endOffset());
            } catch (WaymarkException e) {
                if (!rejectedAsInput(e)) {
                    throw e;
                }
                Path file = quarantine.keep(r.endOffset(), r.payload());
                LOG.error("the store refused log record ending at offset {}; moved it to {}: {}", r.endOffset(), file, e.getMessage());
                store.appendEncoded(List.of(), r.endOffset());
            }
        }
    }

    private static boolean rejectedAsInput(WaymarkException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("Invalid Input Error") || m.contains("Conversion Error") || m.contains("Constraint Error")
                || m.contains("Out of Range Error") || m.contains("Malformed JSON");
    }

    /** Stops after everything durable has been loaded. */
    void stopAfterDraining(long timeoutMillis) {
        stopping = true;
        try {
            thread.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

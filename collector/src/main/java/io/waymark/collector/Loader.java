package io.waymark.collector;

import io.waymark.store.DuckDbEventStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves durable log records into the store in large transactions. Each transaction also records
 * the log offset it reached, so after a crash loading resumes exactly where the store ends: no
 * record is loaded twice and none is skipped.
 */
final class Loader implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Loader.class);

    private final AppendLog log;
    private final DuckDbEventStore store;
    private final int batchBytes;
    private volatile long loaded;
    private volatile boolean stopping;
    private final Thread thread;

    Loader(AppendLog log, DuckDbEventStore store, int batchBytes) {
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
                if (!loadOnce()) {
                    if (stopping) {
                        return;
                    }
                    log.awaitBeyond(loaded, 200);
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
        store.appendEncoded(payloads, end);
        loaded = end;
        log.deleteBefore(end);
        return true;
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

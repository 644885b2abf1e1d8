package io.waymark.server;

import io.waymark.collector.Collector;
import io.waymark.collector.CollectorConfig;
import io.waymark.store.DataDirectory;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.SourceRepository;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A data directory opened for use: locked, store opened, log recovered and loading. Closing
 * stops ingestion, loads what is durable and releases the lock, in that order.
 */
public final class OpenDataDirectory implements AutoCloseable {
    private final DataDirectory directory;
    private final DuckDbEventStore store;
    private final Collector collector;

    private OpenDataDirectory(DataDirectory directory, DuckDbEventStore store, Collector collector) {
        this.directory = directory;
        this.store = store;
        this.collector = collector;
    }

    public static OpenDataDirectory open(Path root, CollectorConfig config, Clock clock) {
        DataDirectory dir = DataDirectory.open(root);
        DuckDbEventStore store = null;
        try {
            store = DuckDbEventStore.open(dir.databaseFile());
            return new OpenDataDirectory(dir, store, Collector.open(dir, store, config, clock));
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
            }
            dir.close();
            throw e;
        }
    }

    public DataDirectory directory() {
        return directory;
    }

    public DuckDbEventStore store() {
        return store;
    }

    public Collector collector() {
        return collector;
    }

    public SourceRepository sources() {
        return new SourceRepository(store);
    }

    @Override
    public void close() {
        try {
            collector.close();
        } finally {
            try {
                store.close();
            } finally {
                directory.close();
            }
        }
    }
}

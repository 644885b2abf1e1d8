package io.waymark.store;

import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.Event;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.duckdb.DuckDBConnection;

/**
 * The embedded event store on DuckDB. Events are appended in large transactions with the
 * ingestion log offset they came from, so a loader that crashes replays exactly what is missing
 * (invariant 2 of the design). Every append bumps a data version that derived tables (the
 * person map) compare against to know they are stale.
 */
public final class DuckDbEventStore implements AutoCloseable {
    private final DuckDBConnection connection;
    /**
     * Appends that move the log checkpoint, and work that must see no append commit ({@link #exclusively}), hold it
     * for writing; imports hold it for reading, so that two of them can run at once (see {@link #appendEncoded}).
     */
    private final ReentrantReadWriteLock appendLock = new ReentrantReadWriteLock();
    /** Bulk loads under way, and DuckDB's threads before the first of them (see {@link #withOneThreadLess}). */
    private final Object threadsLock = new Object();
    private int bulkLoads;
    private long threadsBefore;

    private final Path scratchDirectory;
    private final Tombstones tombstones = new Tombstones();
    private final PersonMapRefresher personMap = new PersonMapRefresher(this);

    private DuckDbEventStore(DuckDBConnection connection, Path scratchDirectory) {
        this.connection = connection;
        this.scratchDirectory = scratchDirectory;
    }

    /** Opens (creating and migrating if needed) the store in {@code file}; null opens an in-memory store. */
    public static DuckDbEventStore open(Path file) {
        try {
            Properties props = new Properties();
            var c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + (file == null ? "" : file.toAbsolutePath()), props);
            Path scratch = file == null
                    ? Path.of(System.getProperty("java.io.tmpdir"), "waymark-scratch")
                    : file.toAbsolutePath().resolveSibling("scratch");
            if (file != null) {
                clearScratch(scratch);
            }
            var store = new DuckDbEventStore(c, scratch);
            StoreSchema.migrate(c);
            store.loadTombstones();
            return store;
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot open the DuckDB store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Leftovers of a crash during a bulk load; the load itself was rolled back or replays from the log. */
    private static void clearScratch(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot clear " + dir + ": " + e.getMessage(), e);
        }
    }

    private void loadTombstones() throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT is_user, identity_hash FROM forgotten_identities")) {
            while (rs.next()) {
                tombstones.add(rs.getBoolean(1), rs.getString(2));
            }
        }
    }

    /** The identities of forgotten persons, whose events are refused (kept in step by {@link PersonEraser}). */
    public Tombstones tombstones() {
        return tombstones;
    }

    /** The one refresher of the person map, shared by everything that reads or changes it. */
    public PersonMapRefresher personMap() {
        return personMap;
    }

    /** A new connection to the same database, for a reader or writer on its own thread. */
    public Connection newConnection() {
        try {
            return connection.duplicate();
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot open a store connection: " + e.getMessage(), e);
        }
    }

    /** The ingestion log offset up to which events are in the store. */
    public long checkpoint() {
        return queryLong("SELECT log_offset FROM loader_checkpoint");
    }

    /**
     * Data version: changes with every committed append or deletion. Imports add a row to {@code imported_batches} in
     * their transaction instead of raising {@code loader_checkpoint.version}: two transactions that update one row
     * conflict in DuckDB, two that insert rows do not.
     */
    public long version() {
        return queryLong("SELECT version + (SELECT count(*) FROM imported_batches) FROM loader_checkpoint");
    }

    /** Appends events from the log and moves the checkpoint to {@code logOffset} in one transaction. */
    public void append(List<Event> events, long logOffset) {
        appendEncoded(List.of(EventRowCodec.encode(events)), logOffset);
    }

    /** Appends events that did not come through the log (imports); the checkpoint stays. */
    public void append(List<Event> events) {
        appendEncoded(List.of(EventRowCodec.encode(events)), -1);
    }

    /**
     * Appends payloads made by {@link EventRowCodec} in one transaction that also changes the data
     * version and, when {@code logOffset >= 0}, moves the log checkpoint there. The payloads are
     * written to a scratch file that DuckDB's NDJSON reader loads with explicit columns: about 4 µs
     * per event, against 20 µs for staging rows through the appender and {@code from_json}. The file
     * is not synced: after the commit it is no longer needed.
     *
     * <p>Appends without a log offset (imports) may run on several threads at once: DuckDB appends to one table from
     * concurrent transactions, so one can compress and write while another waits for its commit's disk sync
     * (BENCHMARKS.md, "Two import transactions at once"). Appends with a log offset run alone.
     */
    public void appendEncoded(List<byte[]> payloads, long logOffset) {
        var lock = logOffset >= 0 ? appendLock.writeLock() : appendLock.readLock();
        lock.lock();
        try {
            withOneThreadLess(() -> appendLocked(payloads, logOffset));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} with DuckDB's worker threads capped at one fewer than it has, at least one, then restores the
     * setting (which is the database's, not the connection's). A bulk insert ran as fast on one DuckDB thread as on
     * two, so on a small machine the second only took the core of whoever feeds the store: the request threads
     * while the loader runs, the parser during an import (BENCHMARKS.md, "One DuckDB thread fewer for bulk loads").
     * Queries that run meanwhile get one thread fewer too. Loads that overlap share the cap: the first lowers the
     * setting, the last gives it back.
     */
    void withOneThreadLess(Runnable work) {
        synchronized (threadsLock) {
            if (bulkLoads == 0) {
                threadsBefore = queryLong("SELECT current_setting('threads')");
                if (threadsBefore > 1) {
                    setThreads(threadsBefore - 1);
                }
            }
            bulkLoads++;
        }
        try {
            work.run();
        } finally {
            synchronized (threadsLock) {
                if (--bulkLoads == 0 && threadsBefore > 1) {
                    setThreads(threadsBefore);
                }
            }
        }
    }

    private void setThreads(long threads) {
        try (Connection c = newConnection(); Statement s = c.createStatement()) {
            s.execute("SET threads = " + threads);
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot set DuckDB's threads: " + e.getMessage(), e);
        }
    }

    private void appendLocked(List<byte[]> payloads, long logOffset) {
        Path scratch = null;
        try (Connection c = connection.duplicate()) {
            long bytes = 0;
            for (byte[] p : payloads) {
                bytes += p.length;
            }
            if (bytes > 0) {
                Files.createDirectories(scratchDirectory);
                scratch = Files.createTempFile(scratchDirectory, "load-", ".ndjson");
                try (OutputStream out = Files.newOutputStream(scratch)) {
                    for (byte[] p : payloads) {
                        out.write(p);
                    }
                }
            }
            c.setAutoCommit(false);
            try {
                if (scratch != null) {
                    // events of forgotten persons still in the log, or sent while they were being forgotten,
                    // are dropped here: the tombstones were committed before this transaction began
                    AtomicAppend.execute(c, INSERT_FROM_FILE.replace("{FILE}", scratch.toString().replace("'", "''"))
                            + (tombstones.isEmpty() ? "" : NOT_FORGOTTEN));
                }
                try (PreparedStatement ps = c.prepareStatement(logOffset >= 0
                        ? "UPDATE loader_checkpoint SET version = version + 1, log_offset = ?"
                        : "INSERT INTO imported_batches VALUES (now())")) {
                    if (logOffset >= 0) {
                        ps.setLong(1, logOffset);
                    }
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot append to the store: " + e.getMessage(), e);
        } finally {
            if (scratch != null) {
                try {
                    Files.deleteIfExists(scratch);
                } catch (IOException ignored) {
                    // a leftover scratch file is harmless and is cleared when the store opens next
                }
            }
        }
    }

    private static final String INSERT_FROM_FILE = """
            INSERT INTO events (message_id, type, name, anonymous_id, user_id, previous_id, group_id, ts, received_at,
                                channel, source, context, properties, traits, revenue)
            SELECT m, ty, n, a, u, p, g, make_timestamp(ts), make_timestamp(ra), c, s,
                   coalesce(cx, '{}'), coalesce(pr, '{}'), coalesce(tr, '{}'), rv
            FROM read_ndjson('{FILE}', columns = """ + EventRowCodec.COLUMNS + ")";

    private static final String NOT_FORGOTTEN = """
             WHERE (u IS NULL OR sha256(u) NOT IN (SELECT identity_hash FROM forgotten_identities WHERE is_user))
               AND (a IS NULL OR sha256(a) NOT IN (SELECT identity_hash FROM forgotten_identities WHERE NOT is_user))
               AND (p IS NULL OR sha256(p) NOT IN (SELECT identity_hash FROM forgotten_identities))""";

    /** Runs {@code work} while no append can commit: what it reads of the events stays current until it returns. */
    <R> R exclusively(java.util.function.Supplier<R> work) {
        appendLock.writeLock().lock();
        try {
            return work.get();
        } finally {
            appendLock.writeLock().unlock();
        }
    }

    public static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    /** Calls {@code sink} with every message id received at or after {@code since} (to seed deduplication). */
    public void forEachMessageIdSince(Instant since, Consumer<String> sink) {
        try (Connection c = newConnection();
             PreparedStatement ps = c.prepareStatement("SELECT message_id FROM events WHERE received_at >= make_timestamp(?)")) {
            ps.setLong(1, micros(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot read message ids: " + e.getMessage(), e);
        }
    }

    long queryLong(String sql) {
        try (Connection c = newConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "store query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot close the store: " + e.getMessage(), e);
        }
    }
}

package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.Channel;
import io.waymark.core.event.Event;
import io.waymark.core.event.EventType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbEventStoreTest {
    @TempDir
    Path dir;

    private static Event event(String id) {
        var f = JsonNodeFactory.instance;
        return new Event(id, EventType.TRACK, "x", null, "u", null, null, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:01Z"), Channel.WEB, "s", f.objectNode(), f.objectNode().put("revenue", 3), f.objectNode());
    }

    private static long count(DuckDbEventStore store) throws Exception {
        try (Connection c = store.newConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM events")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void eventsAndCheckpointPersistTogether() throws Exception {
        Path file = dir.resolve("w.duckdb");
        try (var store = DuckDbEventStore.open(file)) {
            store.append(List.of(event("a"), event("b")), 123);
            store.append(List.of(event("c")));
        }
        try (var store = DuckDbEventStore.open(file)) {
            assertThat(count(store)).isEqualTo(3);
            assertThat(store.checkpoint()).as("imports leave the log checkpoint alone").isEqualTo(123);
            assertThat(store.version()).isEqualTo(2);
        }
    }

    /** Pins the DuckDB behaviour that {@link AtomicAppend} works around: the appender commits on its own. */
    @Test
    void rawAppenderRowsDoNotRollBackWithTheConnectionTransaction() throws Exception {
        try (var store = DuckDbEventStore.open(dir.resolve("r.duckdb")); Connection c = store.newConnection()) {
            c.setAutoCommit(false);
            try (DuckDBAppender a = ((DuckDBConnection) c).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "loader_checkpoint")) {
                a.beginRow().append(1L).append(1L).endRow();
            }
            c.rollback();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM loader_checkpoint")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
        }
    }

    /** The loader's exactly-once argument: rows and checkpoint commit together or not at all. */
    @Test
    void atomicAppendLeavesNothingWhenALaterStatementFails() throws Exception {
        try (var store = DuckDbEventStore.open(dir.resolve("a.duckdb")); Connection c = store.newConnection()) {
            assertThatThrownBy(() -> AtomicAppend.run(c, "name VARCHAR, write_key VARCHAR, created_at TIMESTAMP",
                    a -> a.beginRow().append("web").append("wk").appendEpochMicros(0).endRow(),
                    x -> {
                        AtomicAppend.execute(x, "INSERT INTO sources SELECT * FROM " + AtomicAppend.STAGE);
                        throw new java.sql.SQLException("simulated crash before commit");
                    })).hasMessageContaining("simulated");
            assertThat(new SourceRepository(store).list()).isEmpty();
            store.append(List.of(event("a")), 77);
            assertThat(count(store)).isEqualTo(1);
            assertThat(store.checkpoint()).isEqualTo(77);
        }
    }

    @Test
    void aSecondProcessOrOwnerIsToldTheDirectoryIsInUse() {
        try (var first = DataDirectory.open(dir)) {
            assertThatThrownBy(() -> DataDirectory.open(dir)).isInstanceOfSatisfying(WaymarkException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.DATA_DIR_IN_USE);
                assertThat(e.getMessage()).contains("pid " + ProcessHandle.current().pid());
            });
        }
        DataDirectory.open(dir).close();
    }

    @Test
    void sourceNamesAreUniqueAndValidated() {
        try (var store = DuckDbEventStore.open(null)) {
            var sources = new SourceRepository(store);
            var web = sources.add("web");
            assertThat(web.writeKey()).startsWith("wk_").hasSize(43);
            assertThatThrownBy(() -> sources.add("web")).isInstanceOf(WaymarkException.class).hasMessageContaining("already exists");
            assertThatThrownBy(() -> sources.add("")).isInstanceOfSatisfying(WaymarkException.class, e -> assertThat(e.field()).isEqualTo("name"));
            assertThat(sources.list()).extracting(SourceRepository.Source::name).containsExactly("web");
        }
    }

    @Test
    void bulkLoadsRunWithOneDuckDbThreadFewerAndGiveItBack() throws Exception {
        try (var store = DuckDbEventStore.open(dir.resolve("t.duckdb"))) {
            setThreads(store, 4);
            long[] inside = new long[1];
            store.withOneThreadLess(() -> inside[0] = store.queryLong("SELECT current_setting('threads')"));
            assertThat(inside[0]).isEqualTo(3);
            assertThat(store.queryLong("SELECT current_setting('threads')")).isEqualTo(4);

            store.append(List.of(event("a")));
            assertThat(count(store)).isEqualTo(1);
            assertThat(store.queryLong("SELECT current_setting('threads')")).as("given back after an append").isEqualTo(4);

            assertThatThrownBy(() -> store.withOneThreadLess(() -> {
                throw new IllegalStateException("failed load");
            })).hasMessage("failed load");
            assertThat(store.queryLong("SELECT current_setting('threads')")).as("given back after a failure").isEqualTo(4);

            setThreads(store, 1);
            store.withOneThreadLess(() -> inside[0] = store.queryLong("SELECT current_setting('threads')"));
            assertThat(inside[0]).as("never below one").isEqualTo(1);
        }
    }

    /** Imports append from several threads at once; each transaction still changes the data version. */
    @Test
    void appendsWithoutALogOffsetRunConcurrentlyAndEachChangesTheVersion() throws Exception {
        try (var store = DuckDbEventStore.open(dir.resolve("c.duckdb"))) {
            store.append(List.of(event("first")), 10);
            long before = store.version();
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var done = new java.util.ArrayList<java.util.concurrent.Future<?>>();
                for (int t = 0; t < 2; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < 15; i++) {
                            store.append(List.of(event(thread + "-" + i), event(thread + "-" + i + "b")));
                        }
                    }));
                }
                for (var d : done) {
                    d.get();
                }
            } finally {
                pool.shutdown();
            }
            assertThat(count(store)).isEqualTo(61);
            assertThat(store.version()).isEqualTo(before + 30);
            assertThat(store.checkpoint()).isEqualTo(10);
            store.append(List.of(event("last")), 20);
            assertThat(store.version()).as("the loader's appends still count").isEqualTo(before + 31);
        }
    }

    /** Overlapping loads share the cap: the first lowers DuckDB's threads, the last gives them back. */
    @Test
    void overlappingBulkLoadsLowerTheThreadsOnceAndTheLastGivesThemBack() throws Exception {
        try (var store = DuckDbEventStore.open(dir.resolve("o.duckdb"))) {
            setThreads(store, 4);
            var inFirst = new java.util.concurrent.CountDownLatch(1);
            var secondDone = new java.util.concurrent.CountDownLatch(1);
            long[] seen = new long[2];
            Thread first = new Thread(() -> store.withOneThreadLess(() -> {
                inFirst.countDown();
                try {
                    secondDone.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                seen[1] = store.queryLong("SELECT current_setting('threads')");
            }));
            first.start();
            inFirst.await();
            store.withOneThreadLess(() -> seen[0] = store.queryLong("SELECT current_setting('threads')"));
            assertThat(store.queryLong("SELECT current_setting('threads')")).as("the first load is still running").isEqualTo(3);
            secondDone.countDown();
            first.join();
            assertThat(seen).containsExactly(3, 3);
            assertThat(store.queryLong("SELECT current_setting('threads')")).isEqualTo(4);
        }
    }

    private static void setThreads(DuckDbEventStore store, int threads) throws Exception {
        try (Connection c = store.newConnection(); Statement s = c.createStatement()) {
            s.execute("SET threads = " + threads);
        }
    }
}

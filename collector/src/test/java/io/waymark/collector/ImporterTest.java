package io.waymark.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.demo.DemoConfig;
import io.waymark.core.demo.DemoGenerator;
import io.waymark.core.query.ProfileResult;
import io.waymark.core.query.ProfileSpec;
import io.waymark.core.query.SummaryResult;
import io.waymark.core.query.SummarySpec;
import io.waymark.core.query.TimeRange;
import io.waymark.store.DataDirectory;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.DuckDbQueryEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {
    @TempDir
    Path dir;
    DataDirectory data;
    DuckDbEventStore store;
    Collector collector;

    @BeforeEach
    void open() {
        data = DataDirectory.open(dir.resolve("data"));
        store = DuckDbEventStore.open(data.databaseFile());
        collector = Collector.open(data, store, CollectorConfig.DEFAULTS, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        collector.close();
        store.close();
        data.close();
    }

    private long duckDbThreads() throws Exception {
        try (Connection c = store.newConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('threads')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void badLinesAreReportedWithLineNumbersAndNeverAbortTheFile() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"signup\",\"messageId\":\"1\",\"timestamp\":\"2026-01-01T10:00:00Z\"}",
                "{\"type\":\"track\",\"userId\":\"u1\",\"event\":",
                "",
                "{\"type\":\"track\",\"event\":\"orphan\",\"messageId\":\"3\"}",
                "{\"type\":\"page\",\"anonymousId\":\"a1\",\"name\":\"Home\",\"messageId\":\"4\",\"timestamp\":\"2026-01-01T09:00:00Z\"}",
                "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"signup\",\"messageId\":\"1\"}",
                "{\"type\":\"identify\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"traits\":{\"plan\":\"pro\"},\"messageId\":\"6\",\"timestamp\":\"not a time\"}",
                "{\"type\":\"identify\",\"userId\":\"u1\",\"anonymousId\":\"a1\",\"traits\":{\"plan\":\"pro\"},\"messageId\":\"7\",\"timestamp\":\"2026-01-01T10:30:00Z\"}"));
        long threads = duckDbThreads();
        ImportReport report = new Importer(collector).importFiles(List.of(file));
        assertThat(duckDbThreads()).as("DuckDB's threads are given back after the import").isEqualTo(threads);
        assertThat(report.imported()).isEqualTo(3);
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(report.rejected()).isEqualTo(3);
        assertThat(report.errors()).extracting(ImportReport.LineError::line).containsExactly(2L, 4L, 7L);
        assertThat(report.errors()).extracting(ImportReport.LineError::field).containsExactly("$", "userId", "timestamp");

        var engine = new DuckDbQueryEngine(store);
        var profile = (ProfileResult) engine.run(new ProfileSpec(ProfileSpec.Lookup.USER_ID, "u1", 100));
        assertThat(profile.anonymousIds()).containsExactly("a1");
        assertThat(profile.events()).as("the anonymous page view joined the person").isEqualTo(3);
        assertThat(profile.timeline().get(0).type().wireName()).isEqualTo("page");
        assertThat(profile.traits().get("plan").asText()).isEqualTo("pro");
    }

    /**
     * A file of many parsing chunks, with refused lines in most of them, blank lines and a retry of an earlier message,
     * is reported as one thread reading it in order would: the first 20 refusals by line number, the earlier copy of a
     * duplicate kept.
     */
    @Test
    void aFileOfManyParsingChunksIsReportedInFileOrder() throws Exception {
        List<String> lines = new ArrayList<>();
        List<Long> refused = new ArrayList<>();
        for (int n = 1; n <= 5_200; n++) {
            if (n == 1 || n == 1_000 || n == 1_001 || (n > 1_500 && n % 150 == 0)) {
                lines.add(n % 2 == 0 ? "{\"type\":\"track\",\"event\":\"no one\"}" : "{\"type\":");
                refused.add((long) n);
            } else if (n == 500 || n == 3_001) {
                lines.add("  ");
            } else if (n == 4_000) {
                lines.add(track("m10", "retry"));
            } else {
                lines.add(track("m" + n, String.valueOf(n)));
            }
        }
        Path file = dir.resolve("many.jsonl");
        Files.writeString(file, String.join("\n", lines));

        ImportReport report = new Importer(collector).importFiles(List.of(file));

        assertThat(refused).hasSizeGreaterThan(20);
        assertThat(report.rejected()).isEqualTo(refused.size());
        assertThat(report.errors()).extracting(ImportReport.LineError::line).containsExactlyElementsOf(refused.subList(0, 20));
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(report.imported()).isEqualTo(5_200 - refused.size() - 2 - 1);
        try (Connection c = store.newConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT properties ->> 'n' FROM events WHERE message_id = 'm10'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("the earlier copy of a retried message is kept").isEqualTo("10");
        }
    }

    private static String track(String messageId, String n) {
        return "{\"type\":\"track\",\"userId\":\"u" + messageId.length() + "\",\"event\":\"e\",\"messageId\":\"" + messageId
                + "\",\"timestamp\":\"2026-01-01T10:00:00Z\",\"properties\":{\"n\":\"" + n + "\"}}";
    }

    /**
     * JSONL lines take the streaming path; what they store must be what the tree path stores for the same messages,
     * with Windows line ends, escapes and duplicate keys (which fall back to trees) among them.
     */
    @Test
    void jsonLinesStoreWhatTheTreePathStores() throws Exception {
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        List<ObjectNode> messages = new ArrayList<>();
        new DemoGenerator(new DemoConfig(150, 30, 5, now)).generate(messages::add);
        List<String> lines = new ArrayList<>();
        messages.forEach(m -> lines.add(m.toString()));
        lines.add("{\"type\":\"track\",\"userId\":\"u\\u00e9\",\"event\":\"caf\u00e9 \\\"\u2603\\\"\",\"messageId\":\"e1\","
                + "\"timestamp\":\"2026-01-01T10:00:00Z\",\"properties\":{\"a\" : [1, 2.50, {\"b\":null}]}}");
        lines.add("{\"type\":\"track\",\"userId\":\"u2\",\"event\":\"x\",\"messageId\":\"e2\",\"timestamp\":\"2026-01-01T10:00:00Z\","
                + "\"properties\":{\"k\":1,\"k\":2}}");
        Path file = dir.resolve("demo.jsonl");
        Files.writeString(file, String.join("\r\n", lines));
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);

        String imported;
        try (var d = new Opened(dir.resolve("imported"), clock)) {
            ImportReport report = new Importer(d.collector).importFiles(List.of(file));
            assertThat(report.rejected()).as(report.errors().toString()).isZero();
            assertThat(report.imported()).isEqualTo(lines.size());
            imported = d.rows();
        }
        String ingested;
        try (var d = new Opened(dir.resolve("ingested"), clock)) {
            List<JsonNode> trees = new ArrayList<>();
            for (String line : lines) {
                trees.add(Json.MAPPER.readTree(line));
            }
            d.collector.ingest(trees, null, new SegmentProtocol.Envelope("import", null, null, now, null));
            assertThat(d.collector.awaitLoaded(60_000)).isTrue();
            ingested = d.rows();
        }
        assertThat(imported).isEqualTo(ingested);
    }

    @Test
    void aLineFarOverTheLimitIsRefusedAndTheNextOneImported() throws Exception {
        Path file = dir.resolve("big.jsonl");
        String big = "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"big\",\"properties\":{\"x\":\"" + "y".repeat(3_000_000) + "\"}}";
        Files.writeString(file, big + "\n{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"small\"}\n");
        ImportReport report = new Importer(collector).importFiles(List.of(file));
        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.message()).contains("limit");
        });
    }

    /** A data directory of its own, for comparing two ways in. */
    private static final class Opened implements AutoCloseable {
        final DataDirectory data;
        final DuckDbEventStore store;
        final Collector collector;

        Opened(Path path, Clock clock) {
            data = DataDirectory.open(path);
            store = DuckDbEventStore.open(data.databaseFile());
            collector = Collector.open(data, store, CollectorConfig.DEFAULTS, clock);
        }

        /** Every stored row as text, in message id order. */
        String rows() throws Exception {
            StringBuilder out = new StringBuilder();
            try (Connection c = store.newConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT * FROM events ORDER BY message_id")) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        out.append(rs.getString(i)).append('|');
                    }
                    out.append('\n');
                }
            }
            return out.toString();
        }

        @Override
        public void close() {
            collector.close();
            store.close();
            data.close();
        }
    }

    @Test
    void csvColumnsBecomeFieldsAndNestedObjects() throws Exception {
        Path file = dir.resolve("pos.csv");
        Files.writeString(file, """
                event,userId,timestamp,messageId,properties.revenue,properties.storeId,context.channel
                purchase,u9,2026-03-01T12:00:00Z,p1,49.90,berlin-1,store
                purchase,u9,2026-03-02T12:00:00Z,p2,12,berlin-1,store
                purchase,,2026-03-02T12:00:00Z,p3,12,berlin-1,store
                purchase,u9,2026-03-02T12:00:00Z
                """);
        ImportReport report = new Importer(collector).importFiles(List.of(file));
        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.rejected()).isEqualTo(2);
        assertThat(report.errors()).extracting(ImportReport.LineError::line).containsExactly(4L, 5L);
        var summary = (SummaryResult) new DuckDbQueryEngine(store).run(new SummarySpec(TimeRange.ALL));
        assertThat(summary.byChannel()).containsEntry("store", 2L);
        var profile = (ProfileResult) new DuckDbQueryEngine(store).run(new ProfileSpec(ProfileSpec.Lookup.USER_ID, "u9", 10));
        assertThat(profile.timeline().get(0).revenue()).isEqualTo(49.90);
        assertThat(profile.timeline().get(1).properties().get("revenue").isIntegralNumber()).isTrue();
    }
}

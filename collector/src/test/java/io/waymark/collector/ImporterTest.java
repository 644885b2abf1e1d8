package io.waymark.collector;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Clock;
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
        ImportReport report = new Importer(collector).importFiles(List.of(file));
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

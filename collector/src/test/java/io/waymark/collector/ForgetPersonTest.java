package io.waymark.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.Json;
import io.waymark.core.query.ProfileSpec;
import io.waymark.store.DataDirectory;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.ForgetReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forgetting reaches past the store: the quarantine, the ingestion log, later ingestion and imports. */
class ForgetPersonTest {
    private static final String ADA = "ada-7f3c9";
    private static final SegmentProtocol.Envelope ENVELOPE =
            new SegmentProtocol.Envelope("test", null, null, Instant.parse("2026-02-01T00:00:00Z"), null);

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

    private static List<JsonNode> messages(String... json) throws Exception {
        var out = new ArrayList<JsonNode>();
        for (String j : json) {
            out.add(Json.MAPPER.readTree(j));
        }
        return out;
    }

    private static String track(String id, String userId) {
        return "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"" + userId + "\",\"messageId\":\"" + id + "\",\"timestamp\":\"2026-01-01T00:00:00Z\"}";
    }

    private static boolean anyFileContains(Path dir, String text) throws Exception {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                if (new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void forgettingCleansTheQuarantineAndTheLogAndRefusesTheIdsAfterwards() throws Exception {
        collector.ingest(messages(track("m1", ADA), track("m2", "bob")), null, ENVELOPE);
        assertThat(collector.awaitLoaded(30_000)).isTrue();
        Path quarantine = data.root().resolve("quarantine");
        Files.createDirectories(quarantine);
        Files.writeString(quarantine.resolve("7.ndjson"), String.join("\n",
                "{\"m\":\"q1\",\"u\":\"" + ADA + "\",\"ts\":\"not a number\"}",
                "{\"m\":\"q2\",\"u\":\"bob\",\"ts\":\"not a number\"}",
                "{\"m\":\"q3\",\"u\":\"" + ADA + "\" torn",
                "") );
        Files.writeString(quarantine.resolve("9.ndjson"), "{\"m\":\"q4\",\"a\":\"x\",\"p\":\"" + ADA + "\"}\n");
        assertThat(anyFileContains(data.logDirectory(), ADA)).as("the log holds Ada's loaded event").isTrue();

        ForgetReport report = collector.forget(ProfileSpec.Lookup.USER_ID, ADA);

        assertThat(report.removed()).containsEntry("events", 1L).containsEntry("quarantineLines", 3L);
        assertThat(Files.readString(quarantine.resolve("7.ndjson"))).isEqualTo("{\"m\":\"q2\",\"u\":\"bob\",\"ts\":\"not a number\"}\n");
        assertThat(quarantine.resolve("9.ndjson")).doesNotExist();
        assertThat(anyFileContains(data.logDirectory(), ADA)).as("the segment holding it rolled and was deleted").isFalse();

        IngestResult again = collector.ingest(messages(track("m1", ADA), track("m3", ADA), track("m4", "bob"),
                "{\"type\":\"alias\",\"previousId\":\"" + ADA + "\",\"userId\":\"ada-new\",\"messageId\":\"m5\"}"), null, ENVELOPE);
        assertThat(again.forgotten()).as("a retry, a new event, an alias from her id").isEqualTo(3);
        assertThat(again.accepted()).isEqualTo(1);

        Path file = dir.resolve("again.jsonl");
        Files.writeString(file, track("m1", ADA) + "\n" + track("m6", "cleo") + "\n");
        ImportReport imported = new Importer(collector).importFiles(List.of(file));
        assertThat(imported.forgotten()).isEqualTo(1);
        assertThat(imported.imported()).isEqualTo(1);
        assertThat(collector.awaitLoaded(30_000)).isTrue();
        assertThat(anyFileContains(data.logDirectory(), ADA)).isFalse();
    }
}

package io.waymark.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.Json;
import io.waymark.core.query.SummaryResult;
import io.waymark.core.query.SummarySpec;
import io.waymark.core.query.TimeRange;
import io.waymark.store.DataDirectory;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.DuckDbQueryEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A loader that keeps to a small share of wall time while events arrive still loads everything once they stop. */
class LoaderShareTest {
    @TempDir
    Path dir;

    @Test
    void aLoaderRestingBetweenTransactionsCatchesUpWhenIngestionPauses() throws Exception {
        var config = new CollectorConfig(1 << 20, 64L << 20, 16 << 10, java.time.Duration.ofHours(24), java.time.Duration.ofSeconds(10), 0.05, 1L << 30);
        try (DataDirectory data = DataDirectory.open(dir.resolve("data"));
             DuckDbEventStore store = DuckDbEventStore.open(data.databaseFile())) {
            try (Collector collector = Collector.open(data, store, config, Clock.systemUTC())) {
                var envelope = new SegmentProtocol.Envelope("test", null, null, Instant.now(), "127.0.0.1");
                for (int request = 0; request < 40; request++) {
                    List<JsonNode> messages = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        messages.add(Json.MAPPER.readTree("{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u" + i
                                + "\",\"messageId\":\"m" + request + "-" + i + "\",\"properties\":{\"pad\":\"" + "x".repeat(200) + "\"}}"));
                    }
                    assertThat(collector.ingest(messages, null, envelope).accepted()).isEqualTo(50);
                }
                assertThat(collector.awaitLoaded(60_000)).as("loaded once ingestion paused").isTrue();
            }
            var summary = (SummaryResult) new DuckDbQueryEngine(store).run(new SummarySpec(TimeRange.ALL));
            assertThat(summary.events()).isEqualTo(2_000);
        }
    }
}

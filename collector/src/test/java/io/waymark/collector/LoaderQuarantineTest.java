package io.waymark.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.waymark.core.event.Channel;
import io.waymark.core.event.Event;
import io.waymark.core.event.EventType;
import io.waymark.core.query.SummaryResult;
import io.waymark.core.query.SummarySpec;
import io.waymark.core.query.TimeRange;
import io.waymark.store.DataDirectory;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.DuckDbQueryEngine;
import io.waymark.store.EventRowCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoaderQuarantineTest {
    @TempDir
    Path dir;

    private static byte[] event(String id) {
        var f = JsonNodeFactory.instance;
        return EventRowCodec.encode(List.of(new Event(id, EventType.TRACK, "x", null, "u", null, null, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"), Channel.WEB, "s", f.objectNode(), f.objectNode(), f.objectNode())));
    }

    /** A record the store refuses must neither stop loading nor disappear. */
    @Test
    void aRecordTheStoreRefusesIsQuarantinedAndLoadingGoesOn() throws Exception {
        byte[] poison = "{\"m\":\"bad\",\"ts\":\"not a number\"}\n".getBytes(StandardCharsets.UTF_8);
        try (var data = DataDirectory.open(dir)) {
            try (var log = AppendLog.open(data.logDirectory(), 0, 1 << 20, 1 << 20)) {
                log.append(event("before")).get();
                log.append(poison).get();
                log.append(event("after")).get();
            }
            try (var store = DuckDbEventStore.open(data.databaseFile());
                 var collector = Collector.open(data, store, CollectorConfig.DEFAULTS, Clock.systemUTC())) {
                assertThat(collector.awaitLoaded(30_000)).isTrue();
                var summary = (SummaryResult) new DuckDbQueryEngine(store).run(new SummarySpec(TimeRange.ALL));
                assertThat(summary.events()).isEqualTo(2);
            }
        }
        try (var files = Files.list(dir.resolve("quarantine"))) {
            List<Path> quarantined = files.toList();
            assertThat(quarantined).hasSize(1);
            assertThat(Files.readAllBytes(quarantined.get(0))).isEqualTo(poison);
        }
    }
}

package io.waymark.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.core.event.Channel;
import io.waymark.core.spend.SpendEntry;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpendRepositoryTest {
    @TempDir
    Path dir;

    @Test
    void importingTheSameDayAgainReplacesItAndSpendSurvivesReopening() {
        LocalDate d = LocalDate.parse("2026-01-01");
        Path file = dir.resolve("w.duckdb");
        try (var store = DuckDbEventStore.open(file)) {
            var spend = new SpendRepository(store);
            spend.upsert(List.of(new SpendEntry(d, Channel.ADS, "brand", 10.5, "EUR"), new SpendEntry(d, Channel.SOCIAL, "brand", 3, "EUR")));
            spend.upsert(List.of(new SpendEntry(d, Channel.ADS, "brand", 12, "EUR")));
        }
        try (var store = DuckDbEventStore.open(file)) {
            assertThat(new SpendRepository(store).all()).containsExactly(
                    new SpendEntry(d, Channel.ADS, "brand", 12, "EUR"), new SpendEntry(d, Channel.SOCIAL, "brand", 3, "EUR"));
        }
    }
}

package io.waymark.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.core.Json;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.Channel;
import io.waymark.core.spend.SpendEntry;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.SpendRepository;
import java.io.StringReader;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SpendImporterTest {
    @Test
    void keepsGoodLinesAndReportsEachBadLineWithItsField() {
        String csv = """
                Campaign,COST,date,Channel,currency,notes
                spring,50.00,2026-03-01,ads,EUR,first
                spring,12,03/02/2026,ads,EUR,US date
                spring,12,2026-03-02,google,EUR,platform name
                spring,-3,2026-03-02,ads,EUR,negative
                spring,1,5,2026-03-02,ads,EUR,seven fields
                ,5,2026-03-02,ads,EUR,no campaign
                news,20.5,2026-03-02,Email,eur,case-insensitive channel and currency
                spring,70,2026-03-01,ads,EUR,replaces line 2
                """;
        try (var store = DuckDbEventStore.open(null)) {
            var report = new SpendImporter(new SpendRepository(store)).importCsv(new StringReader(csv));

            assertThat(report.imported()).isEqualTo(2);
            assertThat(report.duplicates()).isEqualTo(1);
            assertThat(report.rejected()).isEqualTo(5);
            assertThat(report.errors()).extracting(SpendImporter.LineError::line).containsExactly(3L, 4L, 5L, 6L, 7L);
            assertThat(report.errors()).extracting(SpendImporter.LineError::field).containsExactly("date", "channel", "cost", "$", "campaign");
            assertThat(report.errors().get(1).message()).contains("platform names").contains("web, app, email");
            assertThat(new SpendRepository(store).all()).containsExactly(
                    new SpendEntry(LocalDate.parse("2026-03-01"), Channel.ADS, "spring", 70, "EUR"),
                    new SpendEntry(LocalDate.parse("2026-03-02"), Channel.EMAIL, "news", 20.5, "EUR"));
        }
    }

    @Test
    void aMissingColumnRejectsTheFile() {
        assertThatThrownBy(() -> SpendImporter.parseCsv(new StringReader("date,channel,campaign,currency\n2026-03-01,ads,x,EUR\n")))
                .isInstanceOf(WaymarkException.class).hasMessageContaining("'cost'")
                .satisfies(e -> assertThat(((WaymarkException) e).field()).isEqualTo("cost"));
    }

    @Test
    void jsonItemsAreAllOrNothingWithTheFirstErrorNamingItsItemAndField() throws Exception {
        var ok = Json.MAPPER.readTree("""
                {"spend":[{"date":"2026-03-01","channel":"ads","campaign":"spring","cost":50,"currency":"EUR"}]}""");
        assertThat(SpendImporter.parseJson(ok)).hasSize(1);
        var bad = Json.MAPPER.readTree("""
                {"spend":[{"date":"2026-03-01","channel":"ads","campaign":"spring","cost":50,"currency":"EUR"},
                          {"date":"2026-03-01","channel":"ads","campaign":"spring","cost":"50","currency":"EUR"},
                          {"date":"x","channel":"ads","campaign":"spring","cost":50,"currency":"EUR"}]}""");
        assertThatThrownBy(() -> SpendImporter.parseJson(bad)).isInstanceOf(WaymarkException.class)
                .satisfies(e -> assertThat(((WaymarkException) e).field()).isEqualTo("spend[1].cost"));
        assertThatThrownBy(() -> SpendImporter.parseJson(Json.MAPPER.readTree("{}")))
                .satisfies(e -> assertThat(((WaymarkException) e).field()).isEqualTo("spend"));
    }
}

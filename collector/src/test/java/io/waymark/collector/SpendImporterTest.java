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
    void spendStaysInOneCurrency() {
        try (var store = DuckDbEventStore.open(null)) {
            var importer = new SpendImporter(new SpendRepository(store));
            importer.importCsv(new StringReader("date,channel,campaign,cost,currency\n2026-03-01,ads,x,5,EUR\n2026-03-02,ads,x,5,EUR\n"));
            assertThatThrownBy(() -> importer.importCsv(new StringReader("date,channel,campaign,cost,currency\n2026-03-03,ads,x,5,USD\n")))
                    .isInstanceOfSatisfying(io.waymark.core.error.WaymarkException.class, e -> {
                        assertThat(e.field()).isEqualTo("currency");
                        assertThat(e.getMessage()).contains("EUR, USD");
                    });
            assertThat(new SpendRepository(store).all()).hasSize(2).allMatch(e -> e.currency().equals("EUR"));
            // replacing every kept row changes the currency
            importer.importCsv(new StringReader("date,channel,campaign,cost,currency\n2026-03-01,ads,x,6,USD\n2026-03-02,ads,x,6,USD\n"));
            assertThat(new SpendRepository(store).all()).hasSize(2).allMatch(e -> e.currency().equals("USD"));
        }
    }

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
    void hugeCostsAreLineErrorsNamingCost() {
        String csv = "date,channel,campaign,cost,currency\n"
                + "2026-03-01,ads,a,1000000000000,EUR\n"
                + "2026-03-01,ads,b,1000000000000.01,EUR\n"
                + "2026-03-01,ads,c," + "9".repeat(500) + ",EUR\n"
                + "2026-03-01,ads,d,0." + "1".repeat(100) + ",EUR\n"
                + "2026-03-01,ads,e,1e400,EUR\n";
        SpendImporter.Parsed p = SpendImporter.parseCsv(new StringReader(csv));
        assertThat(p.entries()).extracting(SpendEntry::cost).containsExactly(1e12);
        assertThat(p.errors()).extracting(SpendImporter.LineError::line).containsExactly(3L, 4L, 5L, 6L);
        assertThat(p.errors()).extracting(SpendImporter.LineError::field).containsOnly("cost");
        assertThat(p.errors().get(0).message()).contains("at most 1e12");
        assertThat(p.errors().get(1).message()).contains("at most 1e12").hasSizeLessThan(200);
    }

    @Test
    void aLeadingByteOrderMarkIsIgnored() {
        SpendImporter.Parsed p = SpendImporter.parseCsv(new StringReader("\uFEFFdate,channel,campaign,cost,currency\n2026-03-01,ads,x,5,EUR\n"));
        assertThat(p.errors()).isEmpty();
        assertThat(p.entries()).containsExactly(new SpendEntry(LocalDate.parse("2026-03-01"), Channel.ADS, "x", 5, "EUR"));
    }

    @Test
    void lineNumbersArePhysicalLinesCountingBlankOnes() {
        String csv = "date,channel,campaign,cost,currency\r\n\r\n2026-03-01,ads,x,5,EUR\r\n\r\n\r\n2026-03-01,ads,x,-5,EUR\r\n"
                + "\n2026-03-02,nope,x,5,EUR";
        SpendImporter.Parsed p = SpendImporter.parseCsv(new StringReader(csv));
        assertThat(p.entries()).hasSize(1);
        assertThat(p.errors()).extracting(SpendImporter.LineError::line).containsExactly(6L, 8L);
        assertThat(p.errors()).extracting(SpendImporter.LineError::field).containsExactly("cost", "channel");
    }

    @Test
    void aJsonCostBeyondTheDoubleRangeIsAnErrorNamingCost() throws Exception {
        for (String cost : new String[] {"1e400", "1e13", "10000000000000000000000000"}) {
            var body = Json.MAPPER.readTree("{\"spend\":[{\"date\":\"2026-03-01\",\"channel\":\"ads\",\"campaign\":\"s\",\"cost\":"
                    + cost + ",\"currency\":\"EUR\"}]}");
            assertThatThrownBy(() -> SpendImporter.parseJson(body)).as(cost).isInstanceOf(WaymarkException.class)
                    .satisfies(e -> assertThat(((WaymarkException) e).field()).isEqualTo("spend[0].cost"));
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

package io.waymark.benchmarks.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waymark.core.Json;
import io.waymark.core.demo.DemoConfig;
import io.waymark.core.demo.DemoGenerator;
import io.waymark.core.event.Channel;
import io.waymark.core.kernel.AttributionResult;
import io.waymark.core.query.AttributionSpec;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.core.spend.SpendEntry;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.DuckDbQueryEngine;
import io.waymark.store.SpendRepository;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** First-touch, last-touch and linear attribution on the embedded engine must equal {@link AttributionSql} on demo data. */
class AttributionDifferentialTest {
    private static final List<String> SPECS = List.of(
            "{\"kind\":\"attribution\",\"model\":\"first_touch\"}",
            "{\"kind\":\"attribution\",\"model\":\"last_touch\",\"value\":\"revenue\",\"lookbackDays\":7}",
            "{\"kind\":\"attribution\",\"model\":\"linear\"}",
            "{\"kind\":\"attribution\",\"model\":\"linear\",\"value\":\"revenue\",\"from\":\"2026-04-01\",\"to\":\"2026-04-20T12:00:00Z\"}",
            "{\"kind\":\"attribution\",\"model\":\"first_touch\",\"channel\":[\"web\",\"ads\",\"email\"],\"lookbackDays\":3}",
            "{\"kind\":\"attribution\",\"model\":\"last_touch\",\"conversion\":\"add_to_cart\"}");

    @ParameterizedTest
    @ValueSource(longs = {7, 42, 2026})
    void kernelMatchesSql(long seed) {
        try (DuckDbEventStore store = DemoStore.open(2000, 60, seed)) {
            new SpendRepository(store).upsert(spend(seed));
            var engine = new DuckDbQueryEngine(store);
            var sql = new AttributionSql(store);
            for (String json : SPECS) {
                var spec = (AttributionSpec) new QuerySpecParser().parse(json);
                var kernel = Json.MAPPER.convertValue(((com.fasterxml.jackson.databind.node.ObjectNode) engine.run(spec)).without("stats"),
                        AttributionResult.class);
                var expected = sql.run(spec);
                assertThat(expected.conversions()).as(json).isGreaterThan(100);
                assertThat(kernel.conversions()).as(json).isEqualTo(expected.conversions());
                assertThat(kernel.revenue()).as(json).isCloseTo(expected.revenue(), within(1e-9 * Math.max(1, expected.revenue())));
                assertThat(kernel.rows()).as(json).hasSize(expected.rows().size());
                assertThat(expected.rows().stream().filter(r -> r.spend() > 0)).as(json).isNotEmpty();
                for (int i = 0; i < expected.rows().size(); i++) {
                    var e = expected.rows().get(i);
                    var k = kernel.rows().get(i);
                    String at = json + " rows[" + i + "]";
                    assertThat(k.channel()).as(at).isEqualTo(e.channel());
                    assertThat(k.conversions()).as(at).isCloseTo(e.conversions(), within(1e-9 * Math.max(1, e.conversions())));
                    assertThat(k.revenue()).as(at).isCloseTo(e.revenue(), within(1e-9 * Math.max(1, e.revenue())));
                    assertThat(k.spend()).as(at).isCloseTo(e.spend(), within(1e-9 * Math.max(1, e.spend())));
                    assertThat(k.roas() == null).as(at).isEqualTo(e.roas() == null);
                }
            }
        }
    }

    private static List<SpendEntry> spend(long seed) {
        return new DemoGenerator(new DemoConfig(2000, 60, seed, Instant.parse("2026-05-01T00:00:00Z"))).spend().stream()
                .map(r -> new SpendEntry(r.date(), Channel.fromWire(r.channel()), r.campaign(), r.cost(), r.currency()))
                .toList();
    }
}

package io.waymark.benchmarks.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.Json;
import io.waymark.core.query.KpiSpec;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.DuckDbQueryEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The kpis kernel on the embedded engine must give the same figures as {@link KpisSql} on demo data, in both periods. */
class KpisDifferentialTest {
    private static final List<String> SPECS = List.of(
            "{\"kind\":\"kpis\",\"from\":\"2026-04-01\",\"to\":\"2026-05-01\",\"churnDays\":30}",
            "{\"kind\":\"kpis\",\"from\":\"2026-04-10T12:00:00Z\",\"to\":\"2026-04-24\"}",
            "{\"kind\":\"kpis\",\"from\":\"2026-04-01\",\"to\":\"2026-05-01\",\"channel\":[\"web\",\"app\",\"survey\"],\"churnDays\":14}");

    @ParameterizedTest
    @ValueSource(longs = {7, 42})
    void kernelMatchesSql(long seed) {
        try (DuckDbEventStore store = DemoStore.open(2000, 60, seed)) {
            var engine = new DuckDbQueryEngine(store);
            var sql = new KpisSql(store);
            for (String json : SPECS) {
                var spec = (KpiSpec) new QuerySpecParser().parse(json);
                JsonNode kernel = Json.MAPPER.valueToTree(engine.run(spec));
                var current = sql.run(spec, spec.from(), spec.to());
                var previous = sql.run(spec, spec.previousFrom(), spec.from());
                assertThat(current.kpis().get("orders")).as(json).isGreaterThan(50);
                assertThat(current.kpis().get("nps")).as(json + " has NPS answers").isNotNull();
                for (JsonNode k : kernel.get("kpis")) {
                    String name = k.get("name").asText();
                    if (current.kpis().containsKey(name)) {
                        assertSame(current.kpis().get(name), k.get("value"), json + " " + name);
                        assertSame(previous.kpis().get(name), k.get("previous"), json + " previous " + name);
                    }
                }
                for (JsonNode row : kernel.get("byChannel")) {
                    double[] expected = current.byChannel().getOrDefault(row.get("channel").asText(), new double[2]);
                    assertThat(row.get("orders").asDouble()).as(json + " " + row).isEqualTo(expected[0]);
                    assertSame(expected[1], row.get("revenue"), json + " " + row);
                }
                assertThat(kernel.get("byChannel").size()).isGreaterThanOrEqualTo(current.byChannel().size());
            }
        }
    }

    /** Counts and ratios of counts are exact; money sums are equal up to the summation order of doubles. */
    private static void assertSame(Double expected, JsonNode actual, String what) {
        if (expected == null) {
            assertThat(actual.isNull()).as(what + " is null, was " + actual).isTrue();
        } else {
            assertThat(actual.asDouble()).as(what).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(expected))));
        }
    }
}

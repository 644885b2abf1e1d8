package io.waymark.benchmarks.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.core.query.SessionsSpec;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.DuckDbQueryEngine;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sessions kernel on the embedded engine must give the same result as {@link SessionsSql} on demo data. */
class SessionsDifferentialTest {
    private static final List<String> SPECS = List.of(
            "{\"kind\":\"sessions\"}",
            "{\"kind\":\"sessions\",\"gapMinutes\":10,\"top\":50}",
            "{\"kind\":\"sessions\",\"channel\":\"web\",\"top\":5}",
            "{\"kind\":\"sessions\",\"channel\":[\"app\",\"email\"],\"from\":\"2026-04-01\",\"to\":\"2026-04-20T12:00:00Z\"}");

    @ParameterizedTest
    @ValueSource(longs = {7, 42})
    void kernelMatchesSql(long seed) {
        try (DuckDbEventStore store = DemoStore.open(2000, 60, seed)) {
            var engine = new DuckDbQueryEngine(store);
            var sql = new SessionsSql(store);
            for (String json : SPECS) {
                var spec = (SessionsSpec) new QuerySpecParser().parse(json);
                ObjectNode kernel = (ObjectNode) engine.run(spec);
                kernel.remove("stats");
                JsonNode expected = Json.MAPPER.valueToTree(sql.run(spec));
                assertThat(expected.get("sessions").asLong()).as(json).isGreaterThan(100);
                assertSame(expected, kernel, json + " $");
            }
        }
    }

    /** Same shape, same strings and integers; doubles equal up to rounding (the SQL averages in a different order). */
    private static void assertSame(JsonNode expected, JsonNode actual, String path) {
        assertThat(actual.getNodeType()).as(path).isEqualTo(expected.getNodeType());
        if (expected.isObject()) {
            assertThat(actual.size()).as(path + " fields").isEqualTo(expected.size());
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                var f = it.next();
                assertSame(f.getValue(), actual.get(f.getKey()), path + "." + f.getKey());
            }
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(path + " length").isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertSame(expected.get(i), actual.get(i), path + "[" + i + "]");
            }
        } else if (expected.isFloatingPointNumber()) {
            double e = expected.asDouble();
            assertThat(actual.asDouble()).as(path).isCloseTo(e, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(e))));
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }
}

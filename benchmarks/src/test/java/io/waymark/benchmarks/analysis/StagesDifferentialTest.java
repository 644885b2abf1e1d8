package io.waymark.benchmarks.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.store.DuckDbQueryEngine;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stages kernel (through the embedded engine) against {@link StagesSql} on generated demo data. */
class StagesDifferentialTest {
    private static final Instant FROM = Instant.parse("2026-03-20T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-04-15T12:00:00Z");

    @ParameterizedTest
    @ValueSource(longs = {11, 42})
    void kernelAndSqlAgreeOnPersonsAndCurrentPerStage(long seed) {
        try (var store = DemoStore.open(2000, 60, seed)) {
            var engine = new DuckDbQueryEngine(store);
            var parser = new QuerySpecParser();
            JsonNode all = (JsonNode) engine.run(parser.parse("{\"kind\":\"stages\"}"));
            assertAgree(all, StagesSql.run(store, null, null));
            JsonNode window = (JsonNode) engine.run(parser.parse("{\"kind\":\"stages\",\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"}"));
            assertAgree(window, StagesSql.run(store, FROM, TO));
            // Demo data must exercise every stage, or the comparison proves little.
            assertThat(all.get("stages")).allSatisfy(s -> assertThat(s.get("persons").asLong()).isPositive());
        }
    }

    private static void assertAgree(JsonNode kernel, StagesSql.Counts sql) {
        Map<String, Long> persons = new LinkedHashMap<>();
        Map<String, Long> current = new LinkedHashMap<>();
        for (JsonNode s : kernel.get("stages")) {
            persons.put(s.get("name").asText(), s.get("persons").asLong());
            current.put(s.get("name").asText(), s.get("current").asLong());
        }
        assertThat(persons).isEqualTo(sql.persons());
        assertThat(current).isEqualTo(sql.current());
    }
}

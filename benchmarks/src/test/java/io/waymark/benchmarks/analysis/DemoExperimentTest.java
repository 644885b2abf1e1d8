package io.waymark.benchmarks.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.demo.DemoExperiment;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.DuckDbQueryEngine;
import io.waymark.store.ExperimentRepository;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The demo's planted experiment (a fast shipping page on mobile) shows its effect through the experiment kind. */
class DemoExperimentTest {
    @Test
    void theFastShippingPageWinsVisibly() {
        try (DuckDbEventStore store = DemoStore.open(6000, 60, 11)) {
            new ExperimentRepository(store).create(DemoExperiment.definition(), true, Instant.parse("2026-04-01T00:00:00Z"));
            JsonNode r = (JsonNode) new DuckDbQueryEngine(store).run(new QuerySpecParser().parse(
                    "{\"kind\":\"experiment\",\"experiment\":\"" + DemoExperiment.KEY + "\"}"));
            long control = r.get("exposed").get(0).asLong();
            long fast = r.get("exposed").get(1).asLong();
            assertThat(control).as("exposed persons").isGreaterThan(200);
            assertThat(r.at("/result/sampleRatio/mismatch").asBoolean()).as("a 50/50 split by hash").isFalse();
            JsonNode primary = r.at("/result/metrics/0");
            double controlRate = primary.at("/arms/0/mean").asDouble();
            double fastRate = primary.at("/arms/1/mean").asDouble();
            assertThat(fastRate).as("purchase conversion, fast vs slow page").isGreaterThan(controlRate * 1.15);
            JsonNode comparison = primary.at("/comparisons/0");
            assertThat(comparison.get("significant").asBoolean()).as(comparison.toString()).isTrue();
            assertThat(r.at("/result/verdicts/0/decision").asText()).isEqualTo("SHIP");
            assertThat(r.at("/result/verdicts/0/sentence").asText()).contains("fast_shipping").contains("purchase conversion");
            assertThat(fast + control).isGreaterThan(400);
        }
    }
}

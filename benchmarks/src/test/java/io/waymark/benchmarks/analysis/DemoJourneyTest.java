package io.waymark.benchmarks.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.demo.DemoJourney;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.DuckDbQueryEngine;
import io.waymark.store.ExperimentRepository;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The demo's cart-abandonment journey ran with a holdout: its e-mails' effect shows in the experiment analysis (more
 * orders than the holdout) and in attribution (orders credited to the journey's campaign on the e-mail channel).
 */
class DemoJourneyTest {
    @Test
    void theRemindersBringOrdersTheHoldoutDoesNotPlace() {
        try (DuckDbEventStore store = DemoStore.open(6000, 60, 11)) {
            DuckDbQueryEngine engine = new DuckDbQueryEngine(store);
            new ExperimentRepository(store).create(DemoJourney.definition(), true, Instant.parse("2026-04-01T00:00:00Z"));
            JsonNode r = (JsonNode) engine.run(new QuerySpecParser().parse(
                    "{\"kind\":\"experiment\",\"experiment\":\"" + DemoJourney.EXPERIMENT_KEY + "\"}"));
            assertThat(r.get("exposed").get(0).asLong()).as("holdout").isGreaterThan(150);
            assertThat(r.at("/result/sampleRatio/mismatch").asBoolean()).as("a 50/50 split by hash").isFalse();
            JsonNode primary = r.at("/result/metrics/0");
            double holdout = primary.at("/arms/0/mean").asDouble();
            double email = primary.at("/arms/1/mean").asDouble();
            assertThat(email).as("3-day purchase conversion, e-mail vs holdout: " + primary).isGreaterThan(holdout);
            assertThat(primary.at("/comparisons/0/frequentist/absolute/lower").asDouble()).as(primary.toString()).isGreaterThan(0);
            assertThat(primary.at("/comparisons/0/significant").asBoolean()).isTrue();

            JsonNode a = (JsonNode) engine.run(new QuerySpecParser().parse(
                    "{\"kind\":\"attribution\",\"model\":\"last_touch\",\"by\":\"campaign\"}"));
            JsonNode row = null;
            for (JsonNode candidate : a.get("rows")) {
                if ("cart_abandonment".equals(candidate.path("campaign").asText())) {
                    row = candidate;
                }
            }
            assertThat(row).as(a.toString()).isNotNull();
            assertThat(row.get("conversions").asDouble()).isGreaterThan(5);
        }
    }
}

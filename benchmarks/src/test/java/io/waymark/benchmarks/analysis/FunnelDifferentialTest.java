package io.waymark.benchmarks.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.Json;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.DuckDbQueryEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The funnel kernel against {@link FunnelSql} on generated demo data: the same persons and times per step. */
class FunnelDifferentialTest {
    private static final List<String> CHECKOUT = List.of("product_view", "add_to_cart", "checkout_started", "purchase");

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void kernelAgreesWithSql(long seed) {
        try (DuckDbEventStore store = DemoStore.open(2000, 60, seed)) {
            var engine = new DuckDbQueryEngine(store);
            check(engine, store, "\"window\":\"7d\"", new FunnelSql.Query(CHECKOUT, Duration.ofDays(7), List.of(), null, null), false);
            check(engine, store, "\"window\":\"7d\",\"breakdown\":\"channel\"",
                    new FunnelSql.Query(CHECKOUT, Duration.ofDays(7), List.of(), null, null), true);
            check(engine, store, "\"window\":\"1h\",\"breakdown\":\"channel\",\"channel\":[\"web\",\"app\"],"
                    + "\"filters\":[{\"field\":\"context.campaign.medium\",\"op\":\"neq\",\"value\":\"email\"}]",
                    new FunnelSql.Query(CHECKOUT.subList(0, 3), Duration.ofHours(1), List.of("web", "app"), "$.campaign.medium", "email"), true);
        }
    }

    private static void check(DuckDbQueryEngine engine, DuckDbEventStore store, String fields, FunnelSql.Query q, boolean byChannel) {
        StringBuilder steps = new StringBuilder();
        for (String s : q.steps()) {
            steps.append(steps.length() == 0 ? "" : ",").append("{\"event\":\"").append(s).append("\"}");
        }
        JsonNode kernel = Json.MAPPER.valueToTree(engine.run(new QuerySpecParser().parse(
                "{\"kind\":\"funnel\",\"steps\":[" + steps + "]," + fields + "}")));
        FunnelSql.Result sql = FunnelSql.run(store, q, byChannel);
        assertThat(kernel.get("steps").get(0).get("persons").asLong()).as("persons at step 1").isGreaterThan(100);
        if (!byChannel) {
            assertThat(FunnelSql.kernelSteps(kernel.get("steps"))).as(fields).isEqualTo(sql.steps());
            return;
        }
        Map<String, List<FunnelSql.Step>> byValue = new HashMap<>();
        for (JsonNode b : kernel.get("breakdowns")) {
            byValue.put(b.get("value").asText(), FunnelSql.kernelSteps(b.get("steps")));
        }
        assertThat(byValue).as(fields).isEqualTo(sql.byChannel());
    }


}

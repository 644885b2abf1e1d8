package io.waymark.benchmarks.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.core.query.RetentionSpec;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.DuckDbQueryEngine;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The retention kernel on the embedded store and {@link RetentionSql} must agree on every count of the demo data. */
class RetentionDifferentialTest {
    private static final List<String> SPECS = List.of(
            "{\"kind\":\"retention\",\"start\":\"signup\",\"return\":\"purchase\",\"period\":\"week\",\"periods\":6}",
            "{\"kind\":\"retention\",\"start\":\"first_seen\",\"return\":\"any\",\"period\":\"week\",\"timezone\":\"America/New_York\"}",
            "{\"kind\":\"retention\",\"start\":\"signup\",\"return\":\"any\",\"period\":\"day\",\"periods\":14}",
            "{\"kind\":\"retention\",\"start\":\"first_seen\",\"return\":\"purchase\",\"period\":\"day\",\"periods\":30,"
                    + "\"timezone\":\"Asia/Tokyo\",\"from\":\"2026-04-01\",\"to\":\"2026-04-25T12:00:00Z\"}",
            "{\"kind\":\"retention\",\"start\":\"product_view\",\"return\":\"purchase\",\"period\":\"month\",\"periods\":3,\"channel\":[\"web\",\"app\"]}");

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 2026})
    void kernelMatchesSql(long seed) {
        try (DuckDbEventStore store = DemoStore.open(2000, 60, seed)) {
            DuckDbQueryEngine engine = new DuckDbQueryEngine(store);
            for (String json : SPECS) {
                RetentionSpec spec = (RetentionSpec) new QuerySpecParser().parse(json);
                JsonNode kernel = (JsonNode) engine.run(spec);
                List<RetentionSql.Cohort> sql = RetentionSql.run(store, spec);
                assertThat(sql).as("non-trivial data for " + json).isNotEmpty();
                assertThat(RetentionSql.kernelCohorts(kernel)).as(json).isEqualTo(sql);
            }
        }
    }

}

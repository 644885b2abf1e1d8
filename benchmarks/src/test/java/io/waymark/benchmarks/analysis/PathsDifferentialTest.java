package io.waymark.benchmarks.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.query.PathsSpec;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.DuckDbQueryEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The paths kernel on the embedded store and {@link PathsSql} must agree on the top paths and their persons. */
class PathsDifferentialTest {
    private static final List<String> SPECS = List.of(
            "{\"kind\":\"paths\",\"start\":\"product_view\"}",
            "{\"kind\":\"paths\",\"end\":\"purchase\",\"depth\":4,\"top\":30}",
            "{\"kind\":\"paths\",\"start\":\"signup\",\"depth\":10,\"top\":200}",
            "{\"kind\":\"paths\",\"end\":\"add_to_cart\",\"depth\":6,\"top\":5,\"channel\":[\"web\",\"app\"],\"from\":\"2026-04-10\"}");

    @ParameterizedTest
    @ValueSource(longs = {3, 77})
    void kernelMatchesSql(long seed) {
        try (DuckDbEventStore store = DemoStore.open(2000, 60, seed)) {
            DuckDbQueryEngine engine = new DuckDbQueryEngine(store);
            for (String json : SPECS) {
                PathsSpec spec = (PathsSpec) new QuerySpecParser().parse(json);
                JsonNode kernel = (JsonNode) engine.run(spec);
                List<PathsSql.Path> sql = PathsSql.run(store, spec);
                assertThat(sql).as("non-trivial data for " + json).isNotEmpty();
                assertThat(PathsSql.kernelPaths(kernel)).as(json).isEqualTo(sql);
            }
        }
    }

}

package io.waymark.benchmarks.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.model.BgNbdModel;
import io.waymark.core.query.ClvSpec;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.DuckDbQueryEngine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The clv kernel on the embedded store and {@link ClvSql} must agree on every customer summary of the demo data:
 * historical figures directly, and the day-level (x, t_x, T) through the BG/NBD likelihood and P(alive) evaluated at
 * the kernel's fitted parameters on the SQL summaries.
 */
class ClvDifferentialTest {
    private static final List<String> SPECS = List.of(
            "{\"kind\":\"clv\",\"model\":\"bgnbd\",\"top\":10000}",
            "{\"kind\":\"clv\",\"model\":\"bgnbd\",\"top\":10000,\"calibrationEnd\":\"2026-04-10T15:00:00Z\",\"timezone\":\"America/New_York\"}",
            "{\"kind\":\"clv\",\"model\":\"historical\",\"top\":10000,\"channel\":[\"web\",\"app\"],\"from\":\"2026-03-20\"}");

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 2026})
    void kernelMatchesSql(long seed) {
        try (DuckDbEventStore store = DemoStore.open(2000, 60, seed)) {
            DuckDbQueryEngine engine = new DuckDbQueryEngine(store);
            for (String json : SPECS) {
                ClvSpec spec = (ClvSpec) new QuerySpecParser().parse(json);
                JsonNode kernel = (JsonNode) engine.run(spec);
                List<ClvSql.Customer> sql = ClvSql.run(store, spec);
                assertThat(sql).as("non-trivial data for " + json).hasSizeGreaterThan(50);
                compare(kernel, sql, json);
            }
        }
    }

    private static void compare(JsonNode kernel, List<ClvSql.Customer> sql, String json) {
        assertThat(kernel.get("persons").asLong()).as(json).isEqualTo(sql.size());
        Map<String, ClvSql.Customer> byId = new HashMap<>();
        Map<String, double[]> byChannel = new HashMap<>();
        double revenue = 0;
        for (ClvSql.Customer c : sql) {
            byId.put(c.personId(), c);
            double[] ch = byChannel.computeIfAbsent(c.channel(), k -> new double[2]);
            ch[0]++;
            ch[1] += c.revenue();
            revenue += c.revenue();
        }
        assertThat(kernel.get("totals").get("historicalRevenue").asDouble()).as(json).isCloseTo(revenue, within(1e-6));
        assertThat(kernel.get("byAcquisitionChannel")).as(json).hasSize(byChannel.size());
        for (JsonNode ch : kernel.get("byAcquisitionChannel")) {
            double[] expected = byChannel.get(ch.get("channel").asText());
            assertThat(ch.get("persons").asDouble()).as(json + " " + ch).isEqualTo(expected[0]);
            assertThat(ch.get("historicalRevenue").asDouble()).as(json + " " + ch).isCloseTo(expected[1], within(1e-6));
        }
        BgNbdModel model = model(kernel.get("params"));
        assertThat(kernel.get("topPersons")).hasSize(sql.size());
        for (JsonNode p : kernel.get("topPersons")) {
            ClvSql.Customer c = byId.get(p.get("personId").asText());
            assertThat(p.get("purchases").asLong()).as(json + " " + p).isEqualTo(c.purchases());
            assertThat(p.get("revenue").asDouble()).as(json + " " + p).isCloseTo(c.revenue(), within(1e-6));
            if (model != null) {
                assertThat(p.get("pAlive").asDouble()).as(json + " " + p).isCloseTo(model.pAlive(c.x(), c.tx(), c.bigT()), within(1e-12));
            }
        }
        if (model != null) {
            double ll = 0;
            for (ClvSql.Customer c : sql) {
                ll += model.logLikelihood(c.x(), c.tx(), c.bigT());
            }
            assertThat(kernel.get("logLikelihood").asDouble()).as(json).isCloseTo(ll, within(1e-6 * Math.abs(ll)));
        }
    }

    private static BgNbdModel model(JsonNode params) {
        if (params == null || params.isNull()) {
            return null;
        }
        return new BgNbdModel(params.get("r").asDouble(), params.get("alpha").asDouble(), params.get("a").asDouble(), params.get("b").asDouble());
    }
}

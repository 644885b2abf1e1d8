package io.waymark.benchmarks.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.Json;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.DuckDbQueryEngine;
import io.waymark.store.SegmentRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Saved segments, evaluated by the kernels and written to the membership table, must hold exactly the persons
 * {@link SegmentSql} selects on the same demo data; and a segment and its negation must split any analysis.
 */
class SegmentDifferentialTest {
    private static final Instant AS_OF = Instant.parse("2026-04-20T00:00:00Z");

    @ParameterizedTest
    @ValueSource(longs = {3, 77})
    void membershipsMatchSql(long seed) throws Exception {
        try (DuckDbEventStore store = DemoStore.open(2000, 60, seed)) {
            DuckDbQueryEngine engine = new DuckDbQueryEngine(store, null, Clock.fixed(AS_OF, ZoneOffset.UTC));
            engine.run(new QuerySpecParser().parse("{\"kind\":\"summary\"}")); // resolves identities for the SQL's events_resolved
            check(engine, "{\"all\":[{\"event\":\"add_to_cart\",\"within\":\"7d\"},{\"event\":\"purchase\",\"since\":\"add_to_cart\",\"count\":{\"eq\":0}}]}",
                    SegmentSql.cartAbandoners(store, AS_OF), 20);
            check(engine, "{\"event\":\"purchase\",\"sum\":\"revenue\",\"within\":\"30d\",\"total\":{\"gte\":150}}",
                    SegmentSql.recentSpenders(store, AS_OF, 150), 20);
            check(engine, "{\"trait\":\"plantedPersona\",\"op\":\"eq\",\"value\":\"loyal_regular\"}",
                    SegmentSql.latestTrait(store, AS_OF, "plantedPersona", "loyal_regular"), 100);
            check(engine, "{\"not\":{\"trait\":\"email\",\"op\":\"exists\"}}", SegmentSql.withoutTrait(store, AS_OF, "email"), 100);
            Map<String, String> rfm = SegmentSql.rfm(store, AS_OF);
            assertThat(rfm).hasSizeGreaterThan(100);
            for (String group : new TreeSet<>(rfm.values().stream().map(v -> v.substring(4)).toList())) {
                check(engine, "{\"fact\":\"rfm_group\",\"op\":\"eq\",\"value\":\"" + group + "\"}", persons(rfm, v -> v.endsWith(" " + group)), 1);
            }
            String[] facts = {"rfm_recency", "rfm_frequency", "rfm_monetary"};
            for (int i = 0; i < 3; i++) {
                int at = i;
                for (int score = 1; score <= 5; score++) {
                    char s = (char) ('0' + score);
                    check(engine, "{\"fact\":\"" + facts[i] + "\",\"op\":\"eq\",\"value\":" + score + "}",
                            persons(rfm, v -> v.charAt(at) == s), 0);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"kind\":\"funnel\",\"steps\":[{\"event\":\"product_view\"},{\"event\":\"add_to_cart\"},{\"event\":\"purchase\"}],\"window\":\"7d\",\"to\":\"2026-04-20\"}",
            "{\"kind\":\"trend\",\"event\":\"purchase\",\"measure\":\"sum:revenue\",\"interval\":\"week\",\"to\":\"2026-04-20\"}"})
    void aSegmentAndItsNegationSplitAnAnalysis(String spec) {
        String rule = "{\"any\":[{\"fact\":\"rfm_group\",\"op\":\"in\",\"value\":[\"champions\",\"loyal_customers\"]},{\"event\":\"email_click\"}]}";
        try (DuckDbEventStore store = DemoStore.open(2000, 60, 5)) {
            DuckDbQueryEngine engine = new DuckDbQueryEngine(store, null, Clock.fixed(AS_OF, ZoneOffset.UTC));
            QuerySpecParser parser = new QuerySpecParser();
            JsonNode all = (JsonNode) engine.run(parser.parse(spec));
            JsonNode in = (JsonNode) engine.run(parser.parse(spec.replaceFirst("\\}$", ",\"segment\":" + rule + "}")));
            JsonNode out = (JsonNode) engine.run(parser.parse(spec.replaceFirst("\\}$", ",\"segment\":{\"not\":" + rule + "}}")));
            double inTotal = total(in);
            assertThat(inTotal).as("the segment is not empty").isGreaterThan(0);
            assertThat(total(out)).as("nor its negation").isGreaterThan(0);
            assertThat(inTotal + total(out)).isCloseTo(total(all), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(in.get("stats").get("events").asLong() + out.get("stats").get("events").asLong())
                    .isEqualTo(all.get("stats").get("events").asLong());
        }
    }

    /**
     * With a {@code to}, the segment is judged as of that instant, so every person the analysis sees is known then
     * and belongs to exactly one of the two. Persons of the funnel's steps, or the trend's total, summed: a figure that adds up across disjoint persons.
     */
    private static double total(JsonNode result) {
        double sum = 0;
        if (result.has("steps")) {
            for (JsonNode step : result.get("steps")) {
                sum += step.get("persons").asDouble();
            }
        } else {
            for (JsonNode series : result.get("series")) {
                sum += series.get("total").asDouble();
            }
        }
        return sum;
    }

    private static Set<String> persons(Map<String, String> rfm, java.util.function.Predicate<String> value) {
        return rfm.entrySet().stream().filter(e -> value.test(e.getValue())).map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void check(DuckDbQueryEngine engine, String rules, Set<String> expected, int atLeast) throws Exception {
        SegmentRepository repository = engine.segments().repository();
        String id = "s" + Integer.toHexString(rules.hashCode() & 0xfffffff);
        repository.create(id, id, null, Json.MAPPER.readTree(rules), "UTC", AS_OF);
        engine.segments().refresh(id);
        Set<String> kernel = repository.members(id, Integer.MAX_VALUE, 0).stream().map(SegmentRepository.Member::personId)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(expected).as("non-trivial data for " + rules).hasSizeGreaterThanOrEqualTo(atLeast);
        assertThat(kernel).as(rules).isEqualTo(expected);
        assertThat(repository.get(id).members()).isEqualTo(expected.size());
    }
}

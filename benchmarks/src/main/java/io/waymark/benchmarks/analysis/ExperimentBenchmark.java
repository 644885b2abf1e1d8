package io.waymark.benchmarks.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Json;
import io.waymark.core.event.Channel;
import io.waymark.core.event.Event;
import io.waymark.core.event.EventType;
import io.waymark.core.experiment.Assignment;
import io.waymark.core.experiment.Experiment;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.core.stats.ExperimentData;
import io.waymark.core.stats.ExperimentStatistics;
import io.waymark.core.stats.MetricSummary;
import io.waymark.core.stats.MetricType;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.DuckDbQueryEngine;
import io.waymark.store.ExperimentRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Experiment analysis over many exposed persons: {@code experiment} kind (exposure-based kernel + statistics) beside
 * the same sufficient statistics computed in SQL and fed to the same statistics, in one run, results checked equal.
 * Each person: maybe a purchase in the day before exposure (the CUPED covariate), a page view, the exposure (variant by
 * {@link Assignment}), and a purchase within a day with probability 10% (control) or 11% (treatment).
 *
 * <p>Usage: {@code ExperimentBenchmark [persons=1000000] [repeats=5]}; the store is built in a temporary directory.
 */
public final class ExperimentBenchmark {
    private static final String DEFINITION = """
            {"key":"bench","variants":[{"key":"control"},{"key":"treatment"}],
             "metric":{"name":"purchase conversion","type":"conversion","event":"purchase","window":"1d"}}""";
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        int persons = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("waymark-experiment-bench");
        try (DuckDbEventStore store = DuckDbEventStore.open(dir.resolve("bench.duckdb"))) {
            long t0 = System.nanoTime();
            long events = fill(store, persons);
            System.out.printf(Locale.ROOT, "Experiment benchmark: %,d persons, %,d events stored in %.1f s; %d CPUs, max heap %d MB%n",
                    persons, events, (System.nanoTime() - t0) / 1e9, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            new ExperimentRepository(store).create(Json.MAPPER.readTree(DEFINITION), true, START);
            var engine = new DuckDbQueryEngine(store);
            var spec = new QuerySpecParser().parse("{\"kind\":\"experiment\",\"experiment\":\"bench\"}");
            long f0 = System.nanoTime();
            JsonNode kernel = Json.MAPPER.valueToTree(engine.run(spec));
            long first = System.nanoTime() - f0;
            JsonNode sql = Json.MAPPER.valueToTree(sqlBaseline(store));
            String k = arms(kernel.get("result"));
            String q = arms(sql);
            System.out.println("kernel " + k + "\nsql    " + q);
            if (!k.equals(q)) {
                System.out.println("MISMATCH");
                System.exit(1);
            }
            long[] kernelNanos = new long[repeats];
            for (int i = 0; i < repeats; i++) {
                long s = System.nanoTime();
                engine.run(spec);
                kernelNanos[i] = System.nanoTime() - s;
            }
            long[] sqlNanos = new long[Math.max(1, repeats / 2 + 1)];
            for (int i = 0; i < sqlNanos.length; i++) {
                long s = System.nanoTime();
                sqlBaseline(store);
                sqlNanos[i] = System.nanoTime() - s;
            }
            double km = median(kernelNanos);
            double qm = median(sqlNanos);
            System.out.printf(Locale.ROOT, "| experiment: %,d exposed persons, conversion + CUPED + Bayesian | %,.0f ms | %,.0f ms | %,.0f ms | %.1f× | yes |%n",
                    kernel.get("exposed").get(0).asLong() + kernel.get("exposed").get(1).asLong(), first / 1e6, km / 1e6, qm / 1e6, qm / km);
            System.out.println("verdict: " + kernel.at("/result/verdicts/0/sentence").asText());
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long fill(DuckDbEventStore store, int persons) throws Exception {
        Experiment e = Experiment.parse(Json.MAPPER.readTree(DEFINITION));
        SplittableRandom r = new SplittableRandom(7);
        List<Event> chunk = new ArrayList<>();
        long total = 0;
        long span = 30L * 86_400;
        for (int p = 0; p < persons; p++) {
            String user = "p" + p;
            Instant exposed = START.plusSeconds(r.nextLong(span));
            String variant = Assignment.variant(e, user).key();
            if (r.nextDouble() < 0.2) {
                chunk.add(event(user, p, 0, "purchase", exposed.minusSeconds(1 + r.nextLong(86_000)), null));
            }
            chunk.add(event(user, p, 1, "product_view", exposed.minusSeconds(60), null));
            chunk.add(event(user, p, 2, "$experiment_exposure", exposed, variant));
            if (r.nextDouble() < (variant.equals("control") ? 0.10 : 0.11)) {
                chunk.add(event(user, p, 3, "purchase", exposed.plusSeconds(r.nextLong(86_000)), null));
            }
            if (chunk.size() >= 200_000) {
                store.append(chunk);
                total += chunk.size();
                chunk.clear();
            }
        }
        store.append(chunk);
        return total + chunk.size();
    }

    private static Event event(String user, int p, int n, String name, Instant at, String variant) {
        ObjectNode props = Json.MAPPER.createObjectNode();
        if (variant != null) {
            props.put("experiment", "bench").put("variant", variant);
        } else if (name.equals("purchase")) {
            props.put("revenue", 20);
        }
        return new Event("m" + p + "-" + n, EventType.TRACK, name, null, user, null, null, at, at, Channel.WEB, "bench",
                Json.MAPPER.createObjectNode(), props, Json.MAPPER.createObjectNode());
    }

    /** The same per-variant sufficient statistics in SQL (first exposure, conversion in [t0, t0 + 1d), covariate in [t0 − 1d, t0)). */
    private static Object sqlBaseline(DuckDbEventStore store) throws Exception {
        String sql = """
                WITH exp AS (SELECT person_id, arg_min(json_extract_string(properties, '$.variant'), (ts, message_id)) AS variant,
                               min(ts) AS t0, count(DISTINCT json_extract_string(properties, '$.variant')) AS variants
                             FROM events_resolved WHERE name = '$experiment_exposure' AND json_extract_string(properties, '$.experiment') = 'bench'
                             GROUP BY person_id),
                     ok AS (SELECT * FROM exp WHERE variants = 1),
                     v AS (SELECT ok.variant,
                             (SELECT count(*) > 0 FROM events_resolved e WHERE e.person_id = ok.person_id AND e.name = 'purchase'
                                AND e.ts >= ok.t0 AND e.ts < ok.t0 + INTERVAL 1 DAY)::INT AS y,
                             (SELECT count(*) > 0 FROM events_resolved e WHERE e.person_id = ok.person_id AND e.name = 'purchase'
                                AND e.ts >= ok.t0 - INTERVAL 1 DAY AND e.ts < ok.t0)::INT AS x
                           FROM ok)
                SELECT variant, count(*), sum(y), sum(y * y), sum(x), sum(x * x), sum(x * y) FROM v GROUP BY variant ORDER BY variant = 'treatment'
                """;
        List<MetricSummary> summaries = new ArrayList<>();
        List<Long> units = new ArrayList<>();
        try (Connection c = store.newConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                summaries.add(new MetricSummary(rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7)));
                units.add(rs.getLong(2));
            }
        }
        return ExperimentStatistics.analyze(new ExperimentData(List.of("control", "treatment"), List.of(1.0, 1.0), units,
                List.of(new ExperimentData.Metric("purchase conversion", MetricType.BINOMIAL, ExperimentData.Role.PRIMARY, true, summaries)),
                ExperimentData.Settings.DEFAULTS));
    }

    /** n and mean of each arm, the decisive estimate to 9 digits: what both sides must agree on. */
    private static String arms(JsonNode result) {
        StringBuilder b = new StringBuilder();
        for (JsonNode arm : result.at("/metrics/0/arms")) {
            b.append(arm.get("variant").asText()).append(' ').append(arm.get("n").asLong()).append(' ')
                    .append(String.format(Locale.ROOT, "%.9f %.9f ", arm.get("mean").asDouble(), arm.get("adjustedMean").asDouble()));
        }
        return b.append(String.format(Locale.ROOT, "%.9f", result.at("/metrics/0/comparisons/0/decisive/estimate").asDouble())).toString();
    }

    private static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }
}

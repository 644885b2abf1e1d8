package io.waymark.benchmarks.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.benchmarks.BenchData;
import io.waymark.core.Json;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.DuckDbQueryEngine;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Persona clustering speed on the analysis benchmark's data directory. There is no SQL baseline for k-means, so the
 * same-run comparisons are: a fixed k against {@code "auto"} (seven k-means fits and their silhouettes on top), and the
 * sessions kernel, one plain fold over the same events that cuts the same visits, against the whole personas query
 * (feature fold + scaling + fit + every person's nearest centroid + descriptions).
 *
 * <p>Usage: {@code PersonasBenchmark [events=27400000] [repeats=3]}; the data directory is imported once from generated
 * demo events into {@code bench-data/analysis-EVENTS/} and reused (27.4M events are 883,300 persons).
 */
public final class PersonasBenchmark {
    private PersonasBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 27_400_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = BenchData.analysisDirectory(events, Path.of(System.getProperty("cache", "bench-data")));
        System.out.printf(Locale.ROOT, "Personas benchmark: %,d events, %d CPUs, max heap %d MB%n", events,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        try (var store = DuckDbEventStore.open(dir.resolve("waymark.duckdb"))) {
            run(new DuckDbQueryEngine(store), repeats);
        }
    }

    private static void run(DuckDbQueryEngine engine, int repeats) {
        long t0 = System.nanoTime();
        JsonNode first = query(engine, "{\"kind\":\"trend\",\"event\":\"purchase\"}");
        System.out.printf(Locale.ROOT, "columns read from DuckDB (person map, sort, %,d events) in %.1f s; heap used %d MB%n%n",
                first.path("stats").path("events").asLong(), (System.nanoTime() - t0) / 1e9, heapUsedMb());
        String fixed = "{\"kind\":\"personas\",\"k\":5,\"timezone\":\"Europe/Berlin\"}";
        String auto = "{\"kind\":\"personas\",\"k\":\"auto\",\"timezone\":\"Europe/Berlin\"}";
        String sessions = "{\"kind\":\"sessions\",\"gapMinutes\":30}";
        long f0 = System.nanoTime();
        JsonNode result = query(engine, fixed);
        System.out.printf(Locale.ROOT, "first personas query (reads device type, category, coupon, price, campaign medium): %,.0f ms%n",
                (System.nanoTime() - f0) / 1e6);
        query(engine, sessions); // its JSON fields, so that its timing below is warm too
        describe(result);
        JsonNode autoResult = query(engine, auto);
        describe(autoResult);
        System.out.println("| query | median of " + repeats + " |");
        System.out.println("|---|---:|");
        for (String[] c : new String[][] {{"personas, k = 5", fixed}, {"personas, k = auto (2..8 by silhouette)", auto},
                {"baseline: sessions, one fold over the same events", sessions}}) {
            long[] nanos = new long[repeats];
            for (int i = 0; i < repeats; i++) {
                long s = System.nanoTime();
                query(engine, c[1]);
                nanos[i] = System.nanoTime() - s;
            }
            System.out.printf(Locale.ROOT, "| %s | %,.0f ms |%n", c[0], median(nanos) / 1e6);
        }
        System.gc();
        System.out.printf(Locale.ROOT, "%nheap used after the queries (columns and loaded fields kept): %d MB%n", heapUsedMb());
    }

    private static JsonNode query(DuckDbQueryEngine engine, String spec) {
        return Json.MAPPER.valueToTree(engine.run(new QuerySpecParser().parse(spec)));
    }

    private static void describe(JsonNode r) {
        System.out.printf(Locale.ROOT, "k=%d over %,d persons (fit on %,d, silhouette on %,d), silhouette %s, tried %s%n", r.get("k").asInt(),
                r.get("persons").asLong(), r.get("fitSample").asLong(), r.get("silhouetteSample").asLong(), r.get("silhouette"), r.get("tried"));
        for (JsonNode p : r.get("personas")) {
            System.out.printf(Locale.ROOT, "  %d %-45s %,9d persons (%.1f%%), revenue share %s%n", p.get("id").asInt(), p.get("name").asText(),
                    p.get("size").asLong(), 100 * p.get("share").asDouble(), p.get("revenueShare"));
        }
        System.out.println();
    }

    private static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    private static long heapUsedMb() {
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) >> 20;
    }
}

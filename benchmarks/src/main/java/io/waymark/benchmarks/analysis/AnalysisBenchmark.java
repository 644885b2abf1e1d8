package io.waymark.benchmarks.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.benchmarks.BenchData;
import io.waymark.core.Json;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.DuckDbQueryEngine;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Analysis speed: each kind through the kernels (on the event columns the engine keeps in memory)
 * beside the same analysis written as plain SQL on the same DuckDB database, in one run. Every
 * kernel result is checked equal to the SQL result before anything is timed.
 *
 * <p>Usage: {@code AnalysisBenchmark [events=10000000] [repeats=5] [kinds, e.g. funnel,clv]}; the data directory is imported
 * once from generated demo events into {@code bench-data/} and reused.
 */
public final class AnalysisBenchmark {
    /** One analysis: its spec, the SQL baseline, and how to read the kernel's JSON into the baseline's shape. */
    record Case(String name, String spec, SqlBaseline sql, Function<JsonNode, Object> fromKernel) {
    }

    @FunctionalInterface
    interface SqlBaseline {
        Object run(DuckDbEventStore store);
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> kinds = args.length > 2 ? List.of(args[2].split(",")) : List.of();
        Path dir = BenchData.analysisDirectory(events, Path.of(System.getProperty("cache", "bench-data")));
        System.out.printf(Locale.ROOT, "Analysis benchmark: %,d events, %d CPUs, max heap %d MB%n", events,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        boolean ok;
        try (var store = DuckDbEventStore.open(dir.resolve("waymark.duckdb"))) {
            ok = run(store, repeats, kinds);
        }
        System.exit(ok ? 0 : 1);
    }

    private static boolean run(DuckDbEventStore store, int repeats, List<String> kinds) {
        var engine = new DuckDbQueryEngine(store);
        var parser = new QuerySpecParser();
        long t0 = System.nanoTime();
        JsonNode first = Json.MAPPER.valueToTree(engine.run(parser.parse("{\"kind\":\"trend\",\"event\":\"purchase\"}")));
        System.out.printf(Locale.ROOT, "columns read from DuckDB (person map, sort, %,d events) in %.1f s; heap used %d MB%n",
                first.path("stats").path("events").asLong(), (System.nanoTime() - t0) / 1e9, heapUsedMb());
        System.out.println();
        System.out.println("| analysis | kernel, first run (incl. JSON fields) | kernel, median | SQL baseline, median | speed-up | results equal |");
        System.out.println("|---|---:|---:|---:|---:|---|");
        boolean allOk = true;
        for (Case c : AnalysisCases.all()) {
            if (!kinds.isEmpty() && kinds.stream().noneMatch(k -> c.name().startsWith(k + ":"))) {
                continue;
            }
            var spec = parser.parse(c.spec());
            long f0 = System.nanoTime();
            JsonNode kernel = Json.MAPPER.valueToTree(engine.run(spec));
            long firstNanos = System.nanoTime() - f0;
            Object sqlResult = c.sql().run(store);
            boolean equal = Objects.equals(c.fromKernel().apply(kernel), sqlResult);
            if (!equal) {
                System.out.println("MISMATCH in " + c.name() + ":\n kernel " + c.fromKernel().apply(kernel) + "\n sql    " + sqlResult);
                allOk = false;
                continue;
            }
            long[] kernelNanos = new long[repeats];
            for (int i = 0; i < repeats; i++) {
                long s = System.nanoTime();
                engine.run(spec);
                kernelNanos[i] = System.nanoTime() - s;
            }
            int sqlRepeats = Math.max(1, repeats / 2 + 1);
            long[] sqlNanos = new long[sqlRepeats];
            for (int i = 0; i < sqlRepeats; i++) {
                long s = System.nanoTime();
                c.sql().run(store);
                sqlNanos[i] = System.nanoTime() - s;
            }
            double k = median(kernelNanos);
            double q = median(sqlNanos);
            System.out.printf(Locale.ROOT, "| %s | %,.0f ms | %,.0f ms | %,.0f ms | %.1f× | yes |%n", c.name(), firstNanos / 1e6, k / 1e6, q / 1e6, q / k);
        }
        if (kinds.isEmpty() || kinds.contains("segment")) {
            segmentRefresh(store, engine, repeats);
        }
        System.gc();
        System.out.printf(Locale.ROOT, "%nheap used after all analyses (columns and loaded fields kept): %d MB%n", heapUsedMb());
        return allOk;
    }

    /**
     * A saved segment's refresh (rules evaluated on the columns, then the membership table replaced with entries and
     * exits recorded) beside the same membership computed and written by SQL ({@code CREATE OR REPLACE TABLE … AS}).
     * The first refresh inserts every member; the timed ones find nothing changed, as between two scheduled refreshes.
     */
    private static void segmentRefresh(DuckDbEventStore store, DuckDbQueryEngine engine, int repeats) {
        var segments = engine.segments();
        java.time.Instant asOf = java.time.Instant.parse("2025-06-01T00:00:00Z");
        System.out.println();
        System.out.println("| segment refresh (membership table) | first refresh | refresh, median | SQL baseline, median | speed-up | members equal |");
        System.out.println("|---|---:|---:|---:|---:|---|");
        String[][] rules = {{"cart abandoners", AnalysisCases.CART_ABANDONERS}, {"RFM champions", AnalysisCases.CHAMPIONS}};
        for (String[] r : rules) {
            String id = "bench_" + r[0].replace(' ', '_').toLowerCase(Locale.ROOT);
            segments.repository().delete(id);
            try {
                // the engine's clock is the real one; the rules' relative windows are judged as of the data's end instead
                String bounded = r[1].replace("\"within\":\"7d\"", "\"from\":\"2025-05-25\",\"to\":\"2025-06-01\"");
                segments.repository().create(id, r[0], null, Json.MAPPER.readTree(bounded), "UTC", asOf);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            long f0 = System.nanoTime();
            long members = segments.refresh(id).members();
            long first = System.nanoTime() - f0;
            long[] nanos = new long[repeats];
            for (int i = 0; i < repeats; i++) {
                long s = System.nanoTime();
                segments.refresh(id);
                nanos[i] = System.nanoTime() - s;
            }
            long[] sqlNanos = new long[Math.max(1, repeats / 2 + 1)];
            long sqlMembers = 0;
            for (int i = 0; i < sqlNanos.length; i++) {
                long s = System.nanoTime();
                sqlMembers = SegmentSql.materialize(store, r[0].startsWith("cart") ? SegmentSql.cartAbandonersSql(asOf) : SegmentSql.championsSql(asOf));
                sqlNanos[i] = System.nanoTime() - s;
            }
            double k = median(nanos);
            double q = median(sqlNanos);
            System.out.printf(Locale.ROOT, "| %s (%,d members) | %,.0f ms | %,.0f ms | %,.0f ms | %.1f× | %s |%n", r[0], members, first / 1e6,
                    k / 1e6, q / 1e6, q / k, members == sqlMembers ? "yes" : "NO (SQL " + sqlMembers + ")");
            segments.repository().delete(id);
        }
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

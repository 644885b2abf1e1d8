package io.waymark.benchmarks;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.waymark.collector.CollectorConfig;
import io.waymark.collector.ImportReport;
import io.waymark.collector.Importer;
import io.waymark.core.Json;
import io.waymark.server.OpenDataDirectory;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * File import: {@code waymark import} of a JSONL file of N demo events into a fresh data
 * directory, beside DuckDB's own {@code read_ndjson} load of the same file into a fresh database.
 *
 * <p>Usage: {@code ImportBenchmark [events=10000000]}. The file is generated once into
 * {@code bench-data/} (gitignored; {@code -Dcache=DIR} to change) and reused by later runs.
 * {@code -Dwork=DIR} chooses where the temporary data directories go; {@code -Dbaseline=false} skips the baseline
 * (for profiling runs, not for figures to record).
 */
public final class ImportBenchmark {
    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000;
        Path cache = Path.of(System.getProperty("cache", "bench-data"));
        Path work = System.getProperty("work") != null ? Path.of(System.getProperty("work"))
                : Files.createTempDirectory("waymark-bench-import");
        Files.createDirectories(work);
        try {
            run(events, cache, work);
        } finally {
            BenchSupport.deleteTree(work);
        }
        System.exit(0);
    }

    private static void run(long events, Path cache, Path work) throws Exception {
        System.out.printf(Locale.ROOT, "Import benchmark: %,d events, %d CPUs, max heap %s%n",
                events, Runtime.getRuntime().availableProcessors(), BenchSupport.mb(Runtime.getRuntime().maxMemory()));
        Path file = cache.resolve("demo-" + events + ".jsonl");
        if (Files.exists(file)) {
            System.out.println("reusing " + file.toAbsolutePath() + " (" + BenchSupport.mb(Files.size(file)) + ")");
        } else {
            generate(events, file);
        }

        // Waymark: the importer into a fresh data directory, timed until the data directory is closed; the count that
        // verifies the import (a summary query, which resolves identities first) is left out of the time.
        Path dataDir = work.resolve("data");
        System.gc();
        BenchSupport.resetHeapPeaks();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        double machine0 = BenchSupport.machineBusySeconds();
        long t0 = System.nanoTime();
        ImportReport report;
        long stored;
        double importSecs;
        double countSecs;
        long sampledPeak;
        java.util.Map<String, Long> threads1;
        try (var sampler = new BenchSupport.HeapSampler(); var cpu = new BenchSupport.ThreadCpuTracker()) {
            try (var open = OpenDataDirectory.open(dataDir, CollectorConfig.DEFAULTS, Clock.systemUTC())) {
                report = new Importer(open.collector()).importFiles(List.of(file));
                importSecs = (System.nanoTime() - t0) / 1e9;
                threads1 = cpu.ticksSinceStart();
                long c0 = System.nanoTime();
                stored = BenchSupport.storeEvents(open.store());
                countSecs = (System.nanoTime() - c0) / 1e9;
            }
            sampledPeak = sampler.max();
        }
        double totalSecs = (System.nanoTime() - t0) / 1e9 - countSecs;
        long cpu1 = os.getProcessCpuTime();
        double otherCores = (BenchSupport.machineBusySeconds() - machine0 - (cpu1 - cpu0) / 1e9) / (totalSecs + countSecs);
        long peakHeap = BenchSupport.peakHeapBytes();
        long peakRss = BenchSupport.peakRssBytes();
        long dbBytes = sizeOf(dataDir);
        boolean ok = report.imported() == events && stored == events && report.rejected() == 0 && report.duplicates() == 0;
        BenchSupport.deleteTree(dataDir);

        // Baseline in the same run: DuckDB alone loads the same file.
        var base = Boolean.parseBoolean(System.getProperty("baseline", "true"))
                ? BenchSupport.duckDbDirectLoad(file, work.resolve("baseline")) : new BenchSupport.Baseline(0, Double.NaN);

        System.out.println();
        System.out.println("== Import results ==");
        System.out.printf(Locale.ROOT, "report: imported %,d, duplicates %,d, rejected %,d%s%n", report.imported(), report.duplicates(),
                report.rejected(), report.errors().isEmpty() ? "" : "; first error: " + report.errors().get(0));
        System.out.printf(Locale.ROOT, "waymark import: %s s (importFiles) / %s s (through close) = %s events/s%n",
                BenchSupport.secs(importSecs), BenchSupport.secs(totalSecs), BenchSupport.rate(events / totalSecs));
        System.out.printf(Locale.ROOT, "closing the data directory took %s s; the verifying count (not timed) %s s%n",
                BenchSupport.secs(totalSecs - importSecs), BenchSupport.secs(countSecs));
        System.out.printf(Locale.ROOT, "CPU: %.2f cores busy on average (with the count); database size %s%n", (cpu1 - cpu0) / 1e9 / (totalSecs + countSecs), BenchSupport.mb(dbBytes));
        System.out.printf(Locale.ROOT, "peak heap used: %s (sampled every 20 ms: %s); peak RSS of the process (heap + DuckDB native): %s%n",
                BenchSupport.mb(peakHeap), BenchSupport.mb(sampledPeak), BenchSupport.mb(peakRss));
        BenchSupport.printThreadCpu(java.util.Map.of(), threads1, importSecs);
        System.out.printf(Locale.ROOT, "other processes on the machine used %.2f cores on average during the import%s%n",
                otherCores, otherCores > 0.25 ? " (the numbers are disturbed; rerun on an idle machine)" : "");
        System.out.printf(Locale.ROOT, "verified: store holds %,d events, generated %,d: %s%n", stored, events, ok ? "OK" : "MISMATCH");
        System.out.printf(Locale.ROOT, "baseline (DuckDB read_ndjson of the same file into a fresh database): %,d rows in %s s = %s events/s%n",
                base.rows(), BenchSupport.secs(base.seconds()), BenchSupport.rate(base.rate()));
        System.out.printf(Locale.ROOT, "RESULT import events=%d seconds=%.2f per_s=%.0f peak_heap_mb=%d peak_rss_mb=%d baseline_s=%.2f baseline_per_s=%.0f other_cores=%.2f verified=%s%n",
                events, totalSecs, events / totalSecs, peakHeap >> 20, peakRss >> 20, base.seconds(), base.rate(), otherCores, ok);
        if (!ok) {
            System.exit(1);
        }
    }

    static void generate(long events, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        long t0 = System.nanoTime();
        ObjectWriter writer = Json.MAPPER.writer();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            BenchSupport.demoEvents(events, m -> {
                try {
                    out.write(writer.writeValueAsBytes(m));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf(Locale.ROOT, "generated %s (%s) in %s s%n", file.toAbsolutePath(), BenchSupport.mb(Files.size(file)),
                BenchSupport.secs((System.nanoTime() - t0) / 1e9));
    }

    private static long sizeOf(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }
}

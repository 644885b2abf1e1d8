package io.waymark.benchmarks;

import io.waymark.collector.CollectorConfig;
import io.waymark.collector.Importer;
import io.waymark.server.OpenDataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** Benchmark inputs kept between runs in {@code bench-data/} (gitignored). */
public final class BenchData {
    private BenchData() {
    }

    /** The demo JSONL file of exactly {@code events} events, generated on first use. */
    public static Path demoFile(long events, Path cache) throws IOException {
        Path file = cache.resolve("demo-" + events + ".jsonl");
        if (!Files.exists(file)) {
            ImportBenchmark.generate(events, file);
        }
        return file;
    }

    /** A data directory holding the demo file imported with {@code waymark import}, built on first use. */
    public static Path analysisDirectory(long events, Path cache) throws IOException {
        Path dir = cache.resolve("analysis-" + events);
        Path done = dir.resolve("imported");
        if (Files.exists(done)) {
            return dir;
        }
        Path file = demoFile(events, cache);
        BenchSupport.deleteTree(dir);
        long t0 = System.nanoTime();
        try (var open = OpenDataDirectory.open(dir, CollectorConfig.DEFAULTS, Clock.systemUTC())) {
            var report = new Importer(open.collector()).importFiles(List.of(file));
            if (report.imported() != events) {
                throw new IllegalStateException("imported " + report.imported() + " of " + events + " events: " + report.errors());
            }
        }
        Files.writeString(done, "ok\n");
        System.out.printf(Locale.ROOT, "imported %,d events into %s in %.0f s%n", events, dir, (System.nanoTime() - t0) / 1e9);
        return dir;
    }
}

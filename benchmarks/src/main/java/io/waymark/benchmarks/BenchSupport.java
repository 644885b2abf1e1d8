package io.waymark.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.demo.DemoConfig;
import io.waymark.core.demo.DemoGenerator;
import io.waymark.core.query.SummaryResult;
import io.waymark.core.query.SummarySpec;
import io.waymark.core.query.TimeRange;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.DuckDbQueryEngine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** What both benchmarks share: demo events by count, the DuckDB baseline, memory and formatting helpers. */
final class BenchSupport {
    /** Fixed so that a cached file is the same on every run. */
    static final Instant END = Instant.parse("2025-06-01T00:00:00Z");
    static final long SEED = 42;
    static final int DAYS = 90;
    /** Persons per generator call: bounds the generator's memory whatever it keeps per run. */
    static final int PERSONS_PER_CHUNK = 20_000;
    private static final String[] IDS = {"messageId", "userId", "anonymousId", "previousId"};

    private BenchSupport() {
    }

    /** Thrown from the sink to stop the generator once enough events were produced. */
    private static final class Enough extends RuntimeException {
        Enough() {
            super(null, null, false, false);
        }
    }

    /**
     * Calls {@code sink} with exactly {@code n} demo messages. The demo generator is sized by
     * persons and days, so it runs in chunks of persons with successive seeds; message ids of
     * later chunks get a suffix so that no two messages or persons share an id.
     */
    static long demoEvents(long n, Consumer<ObjectNode> sink) {
        long[] produced = {0};
        int chunk = 0;
        while (produced[0] < n) {
            final int k = chunk;
            var generator = new DemoGenerator(new DemoConfig(PERSONS_PER_CHUNK, DAYS, SEED + k, END));
            try {
                long made = generator.generate(m -> {
                    if (produced[0] >= n) {
                        throw new Enough();
                    }
                    if (k > 0) {
                        // Chunks are separate populations: without the suffix, ids would collide
                        // (dedup would drop messages, and user ids would merge unrelated persons).
                        for (String id : IDS) {
                            if (m.path(id).isTextual()) {
                                m.put(id, m.get(id).asText() + "~" + k);
                            }
                        }
                    }
                    sink.accept(m);
                    produced[0]++;
                });
                if (made == 0) {
                    throw new IllegalStateException("the demo generator produced no events");
                }
            } catch (Enough e) {
                // n reached inside this chunk
            }
            chunk++;
        }
        return produced[0];
    }

    /** Events in the store, counted by the query engine the API uses. */
    static long storeEvents(DuckDbEventStore store) {
        return ((SummaryResult) new DuckDbQueryEngine(store).run(new SummarySpec(TimeRange.ALL))).events();
    }

    /** Result of loading a JSONL file with DuckDB alone. */
    record Baseline(long rows, double seconds) {
        double rate() {
            return rows / seconds;
        }
    }

    /**
     * The baseline: DuckDB loads the JSONL file into a table of a fresh on-disk database by
     * itself ({@code CREATE TABLE t AS SELECT * FROM read_ndjson(file)}, schema inferred from all
     * lines, nested objects as JSON), timed through a checkpoint.
     */
    static Baseline duckDbDirectLoad(Path jsonl, Path workDir) throws SQLException, IOException {
        Files.createDirectories(workDir);
        Path db = workDir.resolve("baseline.duckdb");
        Files.deleteIfExists(db);
        Files.deleteIfExists(workDir.resolve("baseline.duckdb.wal"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
             Statement s = c.createStatement()) {
            String file = jsonl.toAbsolutePath().toString().replace("'", "''");
            long t0 = System.nanoTime();
            // every line is sampled for the schema (message types have different keys); nested
            // objects stay JSON, as Waymark keeps context, properties and traits
            s.execute("CREATE TABLE t AS SELECT * FROM read_ndjson('" + file + "', sample_size = -1, maximum_depth = 1)");
            s.execute("CHECKPOINT");
            double secs = (System.nanoTime() - t0) / 1e9;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                return new Baseline(rs.getLong(1), secs);
            }
        } finally {
            Files.deleteIfExists(db);
            Files.deleteIfExists(workDir.resolve("baseline.duckdb.wal"));
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }

    /** Resets the peak of every heap pool, so that {@link #peakHeapBytes()} covers what follows. */
    static void resetHeapPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks (an upper bound on the peak of the whole heap). */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The process's peak resident set (Java heap plus DuckDB's native memory), from /proc. */
    static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    /**
     * CPU seconds the whole machine spent busy (all processes), from /proc/stat; with the
     * process's own CPU time this shows whether something else ran during a measurement.
     */
    static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / 100.0; // USER_HZ
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * CPU ticks (1/100 s) per OS thread of this process, by thread name with digits folded
     * ({@code JettyServerThr#}), from /proc/self/task: covers what JFR and ThreadMXBean do not see,
     * such as DuckDB's native worker threads, GC and JIT threads.
     */
    static java.util.Map<String, Long> threadTicks() {
        var out = new java.util.TreeMap<String, Long>();
        taskTicks().values().forEach(t -> out.merge(t.name(), t.ticks(), Long::sum));
        return out;
    }

    /** CPU ticks of one OS thread, with digits in its name folded. */
    record TaskTicks(String name, long ticks) {
    }

    /** CPU ticks per OS thread id of this process, from /proc/self/task. */
    static java.util.Map<String, TaskTicks> taskTicks() {
        var out = new java.util.HashMap<String, TaskTicks>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(t -> {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close).replaceAll("[0-9]+", "#");
                    String[] f = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                    out.put(t.getFileName().toString(), new TaskTicks(name, ticks));
                } catch (IOException | RuntimeException e) {
                    // the thread ended
                }
            });
        } catch (IOException e) {
            // not Linux
        }
        return out;
    }

    /**
     * {@link #threadTicks()} over a stretch of time, counting threads that end within it (such as the importer's
     * writer) up to their last sample, taken every 200 ms.
     */
    static final class ThreadCpuTracker implements AutoCloseable {
        private final java.util.Map<String, TaskTicks> start = taskTicks();
        private final java.util.Map<String, TaskTicks> last = new java.util.concurrent.ConcurrentHashMap<>(start);
        private final Thread thread;

        ThreadCpuTracker() {
            thread = sampleEvery(200, "cpu-tracker", () -> last.putAll(taskTicks()));
        }

        /** Ticks by thread name since this tracker started, as {@link #printThreadCpu} takes them (before = empty). */
        java.util.Map<String, Long> ticksSinceStart() {
            last.putAll(taskTicks());
            var out = new java.util.TreeMap<String, Long>();
            last.forEach((tid, t) -> {
                TaskTicks s = start.get(tid);
                out.merge(t.name(), t.ticks() - (s != null && s.name().equals(t.name()) ? s.ticks() : 0), Long::sum);
            });
            return out;
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }

    /** CPU ticks (1/100 s) of the JIT compiler threads so far. */
    static long compilerTicks() {
        return threadTicks().getOrDefault("C# CompilerThre", 0L);
    }

    /** Prints where the CPU went between two {@link #threadTicks()} snapshots (threads that ended are missed; {@link ThreadCpuTracker} counts them). */
    static void printThreadCpu(java.util.Map<String, Long> before, java.util.Map<String, Long> after, double wallSeconds) {
        var diff = new java.util.ArrayList<java.util.Map.Entry<String, Long>>();
        for (var e : after.entrySet()) {
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (d > 0) {
                diff.add(java.util.Map.entry(e.getKey(), d));
            }
        }
        diff.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        var sb = new StringBuilder("CPU by thread group (cores over " + secs(wallSeconds) + " s):");
        for (int i = 0; i < Math.min(10, diff.size()); i++) {
            sb.append(String.format(Locale.ROOT, " %s=%.2f", diff.get(i).getKey(), diff.get(i).getValue() / 100.0 / wallSeconds));
        }
        System.out.println(sb);
    }

    /** Process CPU seconds so far. */
    static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** Samples the used heap every 20 ms; {@link #max()} is the largest sample. */
    static final class HeapSampler implements AutoCloseable {
        private volatile long max;
        private final Thread thread;

        HeapSampler() {
            var mem = ManagementFactory.getMemoryMXBean();
            thread = sampleEvery(20, "heap-sampler", () -> max = Math.max(max, mem.getHeapMemoryUsage().getUsed()));
        }

        long max() {
            return max;
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }

    /** A daemon thread that runs {@code sample} every {@code millis} until it is interrupted. */
    private static Thread sampleEvery(long millis, String name, Runnable sample) {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sample.run();
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    static String secs(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,d MB", bytes >> 20);
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }
}

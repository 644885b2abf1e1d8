package io.waymark.benchmarks;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.waymark.collector.CollectorConfig;
import io.waymark.core.Json;
import io.waymark.server.OpenDataDirectory;
import io.waymark.server.ServerConfig;
import io.waymark.server.WaymarkServer;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingestion over HTTP as the Segment Node library does it: {@code /v1/batch} bodies of 50
 * messages with the write key as Basic user, from several concurrent clients, each request
 * acknowledged only once its events are fsynced. Reports acknowledged events per second, request
 * latency, and how long the loader then needs to have everything in DuckDB; the baseline of the
 * same run is DuckDB loading the same messages from a JSONL file by itself.
 *
 * <p>Usage: {@code HttpIngestBenchmark [events=1000000] [clients=8] [raw|jdk]}. System properties:
 * {@code -Dwarmup=200000} events sent (and stored) before the measured part, in rounds repeated until the JIT compiler
 * is idle, {@code -Dbatch=50},
 * {@code -Dwork=DIR} for the temporary data (default: a new directory under java.io.tmpdir),
 * {@code -DloaderShare=0.5} the collector's {@code loaderShare} (default: the collector's default) (the wall-time share of loading while events arrive),
 * {@code -DduckdbThreads=N} DuckDB's {@code threads} setting for the run (default: DuckDB's, one per core); bulk loads
 * still take one fewer, at least one ({@code DuckDbEventStore.appendEncoded}).
 */
public final class HttpIngestBenchmark {
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        String clientKind = args.length > 2 ? args[2] : "raw";
        long warmup = Long.getLong("warmup", 200_000);
        int batchSize = Integer.getInteger("batch", 50);
        Path work = System.getProperty("work") != null ? Path.of(System.getProperty("work"))
                : Files.createTempDirectory("waymark-bench-http");
        Files.createDirectories(work);
        try {
            run(events, clients, clientKind, warmup, batchSize, work);
        } finally {
            BenchSupport.deleteTree(work);
        }
        System.exit(0);
    }

    private static void run(long events, int clients, String clientKind, long warmup, int batchSize, Path work) throws Exception {
        System.out.printf(Locale.ROOT, "HTTP ingestion benchmark: %,d events (+%,d warm-up), batches of %d, %d clients (%s), %d CPUs%n",
                events, warmup, batchSize, clients, clientKind, Runtime.getRuntime().availableProcessors());

        // 1. Generate the messages once: /v1/batch bodies for the server, JSONL for the baseline.
        Path jsonl = work.resolve("events.jsonl");
        long t0 = System.nanoTime();
        var bodies = new ArrayList<byte[]>((int) ((events + warmup) / batchSize + 2));
        ObjectWriter writer = Json.MAPPER.writer();
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(jsonl), 1 << 20)) {
            var batch = new ByteArrayOutputStream(64 * 1024);
            int[] inBatch = {0};
            long[] index = {0};
            BenchSupport.demoEvents(events + warmup, m -> {
                try {
                    byte[] bytes = writer.writeValueAsBytes(m);
                    if (inBatch[0] == 0) {
                        batch.write("{\"batch\":[".getBytes(StandardCharsets.US_ASCII));
                    } else {
                        batch.write(',');
                    }
                    batch.write(bytes);
                    inBatch[0]++;
                    if (index[0] >= warmup) {
                        file.write(bytes);
                        file.write('\n');
                    }
                    index[0]++;
                    // warm-up and measured messages never share a batch
                    if (inBatch[0] == batchSize || index[0] == warmup) {
                        batch.write("]}".getBytes(StandardCharsets.US_ASCII));
                        bodies.add(batch.toByteArray());
                        batch.reset();
                        inBatch[0] = 0;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (inBatch[0] > 0) {
                batch.write("]}".getBytes(StandardCharsets.US_ASCII));
                bodies.add(batch.toByteArray());
            }
        }
        int warmupRequests = warmup == 0 ? 0 : (int) ((warmup + batchSize - 1) / batchSize);
        long bodyBytes = 0;
        for (byte[] b : bodies) {
            bodyBytes += b.length;
        }
        System.out.printf(Locale.ROOT, "generated %,d requests (%,d MB of JSON, %.0f bytes/event) in %s s%n",
                bodies.size(), bodyBytes >> 20, bodyBytes / (double) (events + warmup), BenchSupport.secs((System.nanoTime() - t0) / 1e9));

        // 2. A fresh data directory and a server on a free port.
        Path dataDir = work.resolve("data");
        var config = CollectorConfig.DEFAULTS.withLoaderShare(Double.parseDouble(System.getProperty("loaderShare", Double.toString(CollectorConfig.DEFAULTS.loaderShare()))));
        System.out.printf(Locale.ROOT, "collector: loaderShare %.2f%n", config.loaderShare());
        var open = OpenDataDirectory.open(dataDir, config, Clock.systemUTC());
        if (System.getProperty("duckdbThreads") != null) {
            try (var c = open.store().newConnection(); var st = c.createStatement()) {
                st.execute("SET threads = " + Integer.getInteger("duckdbThreads"));
            }
            System.out.println("DuckDB threads: " + Integer.getInteger("duckdbThreads"));
        }
        String writeKey = open.sources().add("bench").writeKey();
        var server = new WaymarkServer(new ServerConfig("127.0.0.1", 0, config),
                open.collector(), open.sources(), Clock.systemUTC()).start();
        int port = server.port();
        String auth = "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));

        java.util.function.Function<List<byte[]>, Sender> senderOf = b -> clientKind.equals("jdk") ? new JdkSender(port, auth, b) : new RawSender(port, auth, b);
        Sender sender = senderOf.apply(bodies);
        List<byte[]> warmupBodies = new ArrayList<>(bodies.subList(0, warmupRequests));
        bodies.clear();
        bodies.trimToSize();

        // 3. Warm-up (JIT, connections), not measured; its events are stored and counted below. On two cores the one
        // C2 compiler thread lags far behind: after a million events it still took 0.4 cores during the measurement,
        // compiling the request path for the first time. So the warm-up messages are sent again, under new message
        // ids, until the compiler threads use less than MAX_COMPILER_CORES during a round.
        long warmedUp = 0;
        for (int round = 0; warmupRequests > 0 && round <= MAX_EXTRA_WARMUP_ROUNDS; round++) {
            Sender s = round == 0 ? sender : senderOf.apply(withMessageIdPrefix(warmupBodies, (char) ('0' + round)));
            long compiled0 = BenchSupport.compilerTicks();
            long roundStart = System.nanoTime();
            var w = blast(s, 0, warmupRequests, clients);
            double compilerCores = (BenchSupport.compilerTicks() - compiled0) / 100.0 / ((System.nanoTime() - roundStart) / 1e9);
            open.collector().awaitLoaded(600_000);
            warmedUp += w.accepted;
            System.out.printf(Locale.ROOT, "warm-up round %d: %,d events acknowledged; JIT compiler threads used %.2f cores%n",
                    round + 1, w.accepted, compilerCores);
            if (compilerCores < MAX_COMPILER_CORES) {
                break;
            }
        }
        warmupBodies.clear();

        // 4. The measured run.
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        double machine0 = BenchSupport.machineBusySeconds();
        var threads0 = BenchSupport.threadTicks();
        long compiled0 = BenchSupport.compilerTicks();
        long start = System.nanoTime();
        var r = blast(sender, warmupRequests, sender.size(), clients);
        long acked = System.nanoTime();
        double compilerCores = (BenchSupport.compilerTicks() - compiled0) / 100.0 / ((acked - start) / 1e9);
        long cpu1 = os.getProcessCpuTime();
        var threads1 = BenchSupport.threadTicks();
        boolean loaded = open.collector().awaitLoaded(1_800_000);
        long loadedAt = System.nanoTime();
        long cpu2 = os.getProcessCpuTime();
        var threads2 = BenchSupport.threadTicks();
        double otherCores = (BenchSupport.machineBusySeconds() - machine0 - (cpu2 - cpu0) / 1e9) / ((loadedAt - start) / 1e9);
        long stored = BenchSupport.storeEvents(open.store());
        server.close();
        open.close();

        double ackSecs = (acked - start) / 1e9;
        double loadSecs = (loadedAt - start) / 1e9;
        long[] lat = Arrays.copyOfRange(sender.latencies(), warmupRequests, sender.size());
        Arrays.sort(lat);
        long expectedStored = events + warmedUp;
        boolean ok = loaded && stored == expectedStored && r.accepted == events && r.failed == 0;

        // 5. Baseline in the same run: DuckDB loads the same messages by itself.
        var base = BenchSupport.duckDbDirectLoad(jsonl, work.resolve("baseline"));

        System.out.println();
        System.out.println("== HTTP ingestion results ==");
        System.out.printf(Locale.ROOT, "requests: %,d of %d events; retried after 429/503: %,d; I/O errors retried: %,d; failed: %,d%n",
                sender.size() - warmupRequests, batchSize, r.overloaded, r.ioErrors, r.failed);
        if (r.firstError != null) {
            System.out.println("first error: " + r.firstError);
        }
        System.out.printf(Locale.ROOT, "acknowledged: %,d events in %s s = %s events/s%n", r.accepted, BenchSupport.secs(ackSecs), BenchSupport.rate(r.accepted / ackSecs));
        System.out.printf(Locale.ROOT, "request latency: p50 %s ms, p99 %s ms, max %s ms%n",
                BenchSupport.ms(pct(lat, 0.50)), BenchSupport.ms(pct(lat, 0.99)), BenchSupport.ms(lat.length == 0 ? 0 : lat[lat.length - 1]));
        System.out.printf(Locale.ROOT, "all in DuckDB after: %s s from the first send (%s s after the last ack) = %s events/s end to end%n",
                BenchSupport.secs(loadSecs), BenchSupport.secs(loadSecs - ackSecs), BenchSupport.rate(events / loadSecs));
        System.out.printf(Locale.ROOT, "CPU: %.2f cores busy while acknowledging (client threads: %s s of %s s CPU), %.2f cores while the loader caught up%n",
                (cpu1 - cpu0) / 1e9 / ackSecs, BenchSupport.secs(r.clientCpuNanos / 1e9), BenchSupport.secs((cpu1 - cpu0) / 1e9),
                loadSecs - ackSecs > 0.01 ? (cpu2 - cpu1) / 1e9 / (loadSecs - ackSecs) : 0.0);
        System.out.print("while acknowledging: ");
        BenchSupport.printThreadCpu(threads0, threads1, ackSecs);
        System.out.print("while the loader caught up: ");
        BenchSupport.printThreadCpu(threads1, threads2, loadSecs - ackSecs);
        System.out.printf(Locale.ROOT, "other processes on the machine used %.2f cores on average during the measurement%s%n",
                otherCores, otherCores > 0.25 ? " (the numbers are disturbed; rerun on an idle machine)" : "");
        System.out.printf(Locale.ROOT, "verified: store holds %,d events (expected %,d = %,d measured + %,d warm-up): %s%n",
                stored, expectedStored, events, warmedUp, ok ? "OK" : "MISMATCH");
        System.out.printf(Locale.ROOT, "baseline (DuckDB read_ndjson of the same %,d messages into a fresh database): %s s = %s events/s%n",
                base.rows(), BenchSupport.secs(base.seconds()), BenchSupport.rate(base.rate()));
        System.out.printf(Locale.ROOT, "RESULT http events=%d clients=%d client=%s acked_per_s=%.0f p50_ms=%.2f p99_ms=%.2f loaded_s=%.2f end_to_end_per_s=%.0f baseline_per_s=%.0f other_cores=%.2f jit_cores=%.2f verified=%s%n",
                events, clients, clientKind, r.accepted / ackSecs, pct(lat, 0.5) / 1e6, pct(lat, 0.99) / 1e6, loadSecs, events / loadSecs, base.rate(), otherCores, compilerCores, ok);
        if (!ok) {
            System.exit(1);
        }
    }

    private static final int MAX_EXTRA_WARMUP_ROUNDS = 9;
    private static final double MAX_COMPILER_CORES = 0.05;

    /** The bodies with every message id's first character replaced (measured ids all start with "demo-"). */
    private static List<byte[]> withMessageIdPrefix(List<byte[]> bodies, char first) {
        byte[] key = "\"messageId\":\"".getBytes(StandardCharsets.US_ASCII);
        var out = new ArrayList<byte[]>(bodies.size());
        for (byte[] b : bodies) {
            byte[] c = b.clone();
            for (int i = 0; i + key.length < c.length; i++) {
                if (Arrays.equals(c, i, i + key.length, key, 0, key.length)) {
                    c[i + key.length] = (byte) first;
                }
            }
            out.add(c);
        }
        return out;
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** Totals of one run of the clients. */
    private static final class Totals {
        long accepted;
        long overloaded;
        long ioErrors;
        long failed;
        long clientCpuNanos;
        String firstError;
    }

    /** Sends requests [from, to) from {@code clients} threads, each taking the next unsent one. */
    private static Totals blast(Sender sender, int from, int to, int clients) throws InterruptedException {
        var next = new AtomicInteger(from);
        var accepted = new AtomicLong();
        var overloaded = new AtomicLong();
        var ioErrors = new AtomicLong();
        var failed = new AtomicLong();
        var cpu = new AtomicLong();
        var firstError = new AtomicReference<String>();
        var threads = new ArrayList<Thread>();
        var threadMx = ManagementFactory.getThreadMXBean();
        for (int c = 0; c < clients; c++) {
            var t = new Thread(() -> {
                try (Sender.Client client = sender.client()) {
                    int i;
                    while ((i = next.getAndIncrement()) < to) {
                        long begin = System.nanoTime();
                        while (true) {
                            Sender.Result res;
                            try {
                                res = client.send(i);
                            } catch (IOException | InterruptedException e) {
                                ioErrors.incrementAndGet();
                                firstError.compareAndSet(null, e.toString());
                                sleep(20);
                                continue;
                            }
                            if (res.status() == 200) {
                                Matcher m = ACCEPTED.matcher(res.body());
                                if (m.find()) {
                                    accepted.addAndGet(Long.parseLong(m.group(1)));
                                }
                                break;
                            }
                            if (res.status() == 429 || res.status() == 503) {
                                overloaded.incrementAndGet();
                                sleep(50);
                                continue;
                            }
                            failed.incrementAndGet();
                            firstError.compareAndSet(null, res.status() + " " + res.body());
                            break;
                        }
                        sender.latencies()[i] = System.nanoTime() - begin;
                    }
                } finally {
                    cpu.addAndGet(threadMx.getCurrentThreadCpuTime());
                }
            }, "bench-client-" + c);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        var totals = new Totals();
        totals.accepted = accepted.get();
        totals.overloaded = overloaded.get();
        totals.ioErrors = ioErrors.get();
        totals.failed = failed.get();
        totals.clientCpuNanos = cpu.get();
        totals.firstError = firstError.get();
        return totals;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The prepared requests and a way to send them; one {@link Client} per thread. */
    private interface Sender {
        record Result(int status, String body) {
        }

        interface Client extends AutoCloseable {
            Result send(int request) throws IOException, InterruptedException;

            @Override
            void close();
        }

        int size();

        long[] latencies();

        Client client();
    }

    /** One keep-alive socket per client thread, requests serialized in advance (least client CPU). */
    private static final class RawSender implements Sender {
        private final List<byte[]> requests = new ArrayList<>();
        private final long[] latencies;
        private final int port;

        RawSender(int port, String auth, List<byte[]> bodies) {
            this.port = port;
            for (byte[] b : bodies) {
                requests.add(RawHttpConnection.request("/v1/batch", "127.0.0.1", port, auth, b));
            }
            latencies = new long[requests.size()];
        }

        @Override
        public int size() {
            return requests.size();
        }

        @Override
        public long[] latencies() {
            return latencies;
        }

        @Override
        public Client client() {
            var conn = new RawHttpConnection("127.0.0.1", port);
            return new Client() {
                @Override
                public Result send(int request) throws IOException {
                    var r = conn.send(requests.get(request));
                    return new Result(r.status(), r.body());
                }

                @Override
                public void close() {
                    conn.close();
                }
            };
        }
    }

    /** java.net.http.HttpClient over HTTP/1.1, one shared client (its pool keeps one connection per thread). */
    private static final class JdkSender implements Sender {
        private final List<byte[]> bodies;
        private final long[] latencies;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final URI uri;
        private final String auth;

        JdkSender(int port, String auth, List<byte[]> bodies) {
            this.bodies = new ArrayList<>(bodies);
            this.latencies = new long[bodies.size()];
            this.uri = URI.create("http://127.0.0.1:" + port + "/v1/batch");
            this.auth = auth;
        }

        @Override
        public int size() {
            return bodies.size();
        }

        @Override
        public long[] latencies() {
            return latencies;
        }

        @Override
        public Client client() {
            return new Client() {
                @Override
                public Result send(int request) throws IOException, InterruptedException {
                    var req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                            .header("Authorization", auth).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(request))).build();
                    var res = http.send(req, HttpResponse.BodyHandlers.ofString());
                    return new Result(res.statusCode(), res.body());
                }

                @Override
                public void close() {
                }
            };
        }
    }
}

package io.waymark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.collector.CollectorConfig;
import io.waymark.server.OpenDataDirectory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 2 of the design, tested the hard way: a real server process is killed with SIGKILL
 * several times while clients ingest; clients retry whatever was not acknowledged (with the same
 * message ids, as Segment libraries do). In the end every acknowledged event must be in the
 * store exactly once, and no event may be stored twice.
 */
class CrashRecoveryTest {
    private static final int CLIENTS = 4;
    private static final int BATCH = 50;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<List<String>> unacknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicInteger nextBatch = new AtomicInteger();

    @Test
    void noAcknowledgedEventIsLostOrDuplicatedAcrossKills() throws Exception {
        String writeKey;
        try (var open = OpenDataDirectory.open(dir, CollectorConfig.DEFAULTS, Clock.systemUTC())) {
            writeKey = open.sources().add("crash").writeKey();
        }
        String auth = "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
        var random = new Random(7);
        for (int round = 0; round < 4; round++) {
            Process server = startServer();
            int port = port(server);
            var running = new AtomicBoolean(true);
            int before = acknowledged.size();
            List<Thread> clients = startClients(port, auth, running);
            // the kill lands at a random moment after the round's first acknowledgement, however slow the machine is
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() == before && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(random.nextInt(900));
            server.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
            server.waitFor(30, TimeUnit.SECONDS);
            running.set(false);
            for (Thread c : clients) {
                c.join();
            }
        }
        assertThat(acknowledged).as("the clients got acknowledgements before the kills").isNotEmpty();

        // a last, clean run: retry everything not acknowledged, and re-send some acknowledged batches
        Process server = startServer();
        int port = port(server);
        List<String> resend = new ArrayList<>(acknowledged).subList(0, Math.min(100, acknowledged.size()));
        for (int i = 0; i < resend.size(); i += BATCH) {
            assertThat(send(port, auth, resend.subList(i, Math.min(resend.size(), i + BATCH)))).isEqualTo(200);
        }
        List<String> pending;
        while ((pending = unacknowledged.poll()) != null) {
            assertThat(send(port, auth, pending)).isEqualTo(200);
            acknowledged.addAll(pending);
        }
        server.destroy(); // SIGTERM: the shutdown hook loads what is durable
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();

        Map<String, Integer> stored = new HashMap<>();
        try (var open = OpenDataDirectory.open(dir, CollectorConfig.DEFAULTS, Clock.systemUTC())) {
            assertThat(open.collector().awaitLoaded(60_000)).isTrue();
            try (Connection c = open.store().newConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT message_id, count(*) FROM events GROUP BY 1")) {
                while (rs.next()) {
                    stored.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        assertThat(stored.values()).as("no event is stored twice").allMatch(n -> n == 1);
        assertThat(stored.keySet()).as("every acknowledged event is stored").containsAll(acknowledged);
    }

    private Process startServer() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "io.waymark.cli.Waymark", "serve", "--data-dir", dir.toString(), "--port", "0");
        pb.redirectError(dir.resolveSibling(dir.getFileName() + "-server.log").toFile());
        return pb.start();
    }

    private static int port(Process server) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("WAYMARK_PORT=")) {
                int port = Integer.parseInt(line.substring("WAYMARK_PORT=".length()));
                Thread drain = new Thread(() -> {
                    try {
                        reader.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ignored) {
                        // the process was killed
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return port;
            }
        }
        throw new AssertionError("server exited before listening");
    }

    private List<Thread> startClients(int port, String auth, AtomicBoolean running) {
        var threads = new ArrayList<Thread>();
        for (int t = 0; t < CLIENTS; t++) {
            var thread = new Thread(() -> {
                while (running.get()) {
                    List<String> ids = unacknowledged.poll();
                    if (ids == null) {
                        int b = nextBatch.getAndIncrement();
                        ids = new ArrayList<>();
                        for (int i = 0; i < BATCH; i++) {
                            ids.add("crash-" + b + "-" + i);
                        }
                    }
                    int status;
                    try {
                        status = send(port, auth, ids);
                    } catch (IOException | InterruptedException e) {
                        status = -1;
                    }
                    if (status == 200) {
                        acknowledged.addAll(ids);
                    } else {
                        unacknowledged.add(ids);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    private int send(int port, String auth, List<String> ids) throws IOException, InterruptedException {
        var body = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < ids.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"crash_test\",\"userId\":\"u")
                    .append(i % 7).append("\",\"messageId\":\"").append(ids.get(i)).append("\"}");
        }
        body.append("]}");
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/batch"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

package io.waymark.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.collector.CollectorConfig;
import io.waymark.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * A real server on a loopback port over a real data directory, with a small HTTP client. {@link #get}, {@link #put},
 * {@link #delete} and {@link #post} without a write key go through an admin logged in over HTTP ({@link #admin()});
 * {@link #anonymous()} sends no session.
 */
final class TestServer implements AutoCloseable {
    final OpenDataDirectory data;
    final WaymarkServer server;
    final String writeKey;
    final HttpClient http = HttpClient.newHttpClient();
    private LoggedInClient admin;

    record Response(int status, JsonNode json, java.net.http.HttpHeaders headers) {
    }

    TestServer(Path dir) {
        this(dir, Clock.systemUTC());
    }

    TestServer(Path dir, Clock clock) {
        data = OpenDataDirectory.open(dir, CollectorConfig.DEFAULTS, clock);
        writeKey = data.sources().add("test").writeKey();
        server = new WaymarkServer(new ServerConfig("127.0.0.1", 0, CollectorConfig.DEFAULTS), data.collector(), data.sources(),
                clock).start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    /** With a write key ({@code authorization}) as ingestion does, else as the logged-in admin. */
    Response post(String path, String body, String authorization) throws IOException, InterruptedException {
        if (authorization == null) {
            return admin().post(path, body);
        }
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** An admin user (created at first use) logged in over HTTP. */
    LoggedInClient admin() throws IOException, InterruptedException {
        if (admin == null) {
            admin = LoggedInClient.create(this, "admin", io.waymark.core.user.Role.ADMIN);
        }
        return admin;
    }

    LoggedInClient anonymous() {
        return LoggedInClient.anonymous(this);
    }

    Response postGzip(String path, String body, String authorization) throws IOException, InterruptedException {
        var bytes = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(bytes)) {
            gz.write(body.getBytes(StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build());
    }

    Response get(String path) throws IOException, InterruptedException {
        return admin().get(path);
    }

    Response put(String path, String body) throws IOException, InterruptedException {
        return admin().put(path, body);
    }

    Response delete(String path) throws IOException, InterruptedException {
        return admin().delete(path);
    }

    Response track(String body) throws IOException, InterruptedException {
        return post("/v1/track", body, basic(writeKey));
    }

    Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body().isEmpty() || !r.headers().firstValue("Content-Type").orElse("").contains("json") ? null : Json.MAPPER.readTree(r.body());
        return new Response(r.statusCode(), json, r.headers());
    }

    /** Runs a query once everything acknowledged is loaded into the store. */
    JsonNode query(String spec) throws IOException, InterruptedException {
        if (!data.collector().awaitLoaded(30_000)) {
            throw new AssertionError("loader did not catch up");
        }
        Response r = post("/api/v1/query", spec, null);
        if (r.status() != 200) {
            throw new AssertionError("query failed: " + r.status() + " " + r.json());
        }
        return r.json();
    }

    @Override
    public void close() {
        server.close();
        data.close();
    }
}

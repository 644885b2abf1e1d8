package io.waymark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.Json;
import io.waymark.core.user.Role;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/live} on a real server: acknowledged events only, once each, without personal data; stats. */
class LiveHttpTest extends ServerPerTest {
    /** One SSE message: its {@code event:} name (null for plain data) and its data. */
    record Message(String event, String data) {
        JsonNode json() throws Exception {
            return Json.MAPPER.readTree(data);
        }
    }

    /** Reads the stream on its own thread, message by message (the SSE format: fields, then a blank line). */
    static final class Stream_ implements AutoCloseable {
        final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<HttpResponse<Stream<String>>> response;

        Stream_(TestServer t, LoggedInClient client) {
            HttpRequest request = client.builder("/api/v1/live").header("Cookie", client.cookie).header("Accept", "text/event-stream").GET().build();
            response = t.http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
            response.thenAccept(r -> {
                String[] event = {null};
                StringBuilder data = new StringBuilder();
                r.body().forEach(line -> {
                    if (line.startsWith("event:")) {
                        event[0] = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    } else if (line.isEmpty() && data.length() > 0) {
                        messages.add(new Message(event[0], data.toString()));
                        event[0] = null;
                        data.setLength(0);
                    }
                });
            });
        }

        Message next() throws InterruptedException {
            Message m = messages.poll(30, TimeUnit.SECONDS);
            assertThat(m).as("a message within 30 s").isNotNull();
            return m;
        }

        /** The next event, skipping the periodic stats. */
        JsonNode nextEvent() throws Exception {
            while (true) {
                Message m = next();
                if (m.event() == null) {
                    return m.json();
                }
                assertThat(m.event()).isEqualTo("stats");
            }
        }

        @Override
        public void close() {
            response.thenAccept(r -> r.body().close());
            response.cancel(true);
        }
    }

    @Test
    void acknowledgedEventsArriveOnceWithoutPersonalData() throws Exception {
        var viewer = LoggedInClient.create(t, "vic", Role.VIEWER);
        try (var live = new Stream_(t, viewer)) {
            Message hello = live.next();
            assertThat(hello.event()).isEqualTo("stats");
            assertThat(hello.json().get("acknowledged").asLong()).isZero();
            assertThat(live.response.get(30, TimeUnit.SECONDS).headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            var notAStream = viewer.get("/api/v1/live");
            assertThat(notAStream.status()).isEqualTo(400);
            assertThat(notAStream.json().at("/error/field").asText()).isEqualTo("Accept");

            long durableBefore = t.data.collector().durableOffset();
            assertThat(t.track("""
                    {"messageId":"m1","userId":"secret-user","anonymousId":"secret-anon","event":"signup",
                     "properties":{"email":"someone@example.com"},"context":{"ip":"203.0.113.9","campaign":{"medium":"newsletter"}}}""").status()).isEqualTo(200);
            JsonNode e = live.nextEvent();
            assertThat(t.data.collector().durableOffset()).as("durable before it was shown").isGreaterThan(durableBefore);
            assertThat(e.get("messageId").asText()).isEqualTo("m1");
            assertThat(e.get("type").asText()).isEqualTo("track");
            assertThat(e.get("event").asText()).isEqualTo("signup");
            assertThat(e.get("channel").asText()).as("inferred from the UTM medium").isEqualTo("email");
            assertThat(e.get("source").asText()).isEqualTo("test");
            assertThat(e.has("timestamp")).isTrue();
            assertThat(e.has("receivedAt")).isTrue();
            assertThat(e.toString()).doesNotContain("secret").doesNotContain("example.com").doesNotContain("203.0");

            // a retry and an invalid event are not shown; the next event that is acknowledged is
            assertThat(t.track("{\"messageId\":\"m1\",\"userId\":\"secret-user\",\"event\":\"signup\"}").status()).isEqualTo(200);
            assertThat(t.track("{\"messageId\":\"m2\",\"event\":\"no identity\"}").status()).isEqualTo(400);
            assertThat(t.post("/v1/batch", "{\"batch\":[{\"type\":\"page\",\"messageId\":\"m3\",\"anonymousId\":\"a\",\"name\":\"Home\"}]}",
                    t.basic(t.writeKey)).status()).isEqualTo(200);
            JsonNode next = live.nextEvent();
            assertThat(next.get("messageId").asText()).isEqualTo("m3");
            assertThat(next.get("type").asText()).isEqualTo("page");
            assertThat(next.get("channel").asText()).isEqualTo("web");
        }
        try (var second = new Stream_(t, viewer)) {
            JsonNode stats = second.next().json();
            assertThat(stats.get("acknowledged").asLong()).isEqualTo(2);
            long perMinute = 0;
            for (JsonNode m : stats.get("perMinute")) {
                perMinute += m.get("events").asLong();
            }
            assertThat(perMinute).isEqualTo(2);
        }
    }
}

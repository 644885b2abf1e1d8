package io.waymark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CollectorHttpTest extends ServerPerTest {
    @ParameterizedTest
    @ValueSource(strings = {"/v1/track", "/v1/track/", "/v1/page", "/v1/page/", "/v1/screen", "/v1/identify/", "/v1/group", "/v1/alias/"})
    void everySingleEndpointAcceptsBasicAuthAndAnswersSuccessJson(String path) throws Exception {
        String body = """
                {"userId":"u1","anonymousId":"a1","event":"signup","name":"Home","groupId":"g1","previousId":"old-u1",
                 "messageId":"m-%s","traits":{"email":"u1@example.com"}}""".formatted(path.replace('/', '_'));
        var r = t.post(path, body, t.basic(t.writeKey));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("success").asBoolean()).isTrue();
        JsonNode summary = t.query("{\"kind\":\"summary\"}");
        String type = path.replace("/v1/", "").replace("/", "");
        assertThat(summary.path("byType").path(type).asLong()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/batch", "/v1/import/", "/v1/import", "/v1/batch/"})
    void batchEndpointsAcceptTheWriteKeyInTheBodyAndBatchContext(String path) throws Exception {
        String body = """
                {"writeKey":"%s","context":{"library":{"name":"analytics-java","version":"3.5.1"},"campaign":{"medium":"email","source":"newsletter"}},
                 "batch":[{"type":"track","userId":"u1","event":"email_click","messageId":"b1"},
                          {"type":"page","anonymousId":"a9","name":"Home","messageId":"b2","context":{"campaign":{"medium":"cpc"}}}]}"""
                .formatted(t.writeKey);
        var r = t.post(path, body, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("success").asBoolean()).isTrue();
        assertThat(r.json().get("accepted").asInt()).isEqualTo(2);
        JsonNode profile = t.query("{\"kind\":\"profile\",\"userId\":\"u1\"}");
        JsonNode event = profile.get("timeline").get(0);
        assertThat(event.path("channel").asText()).isEqualTo("email");
        assertThat(event.path("context").path("library").path("name").asText()).isEqualTo("analytics-java");
        JsonNode anon = t.query("{\"kind\":\"profile\",\"anonymousId\":\"a9\"}");
        assertThat(anon.get("timeline").get(0).path("channel").asText()).as("message context wins over batch context").isEqualTo("ads");
    }

    @Test
    void unknownOrMissingWriteKeyIs401WithJson() throws Exception {
        var unknown = t.track("{\"userId\":\"u\",\"event\":\"x\"}".replace("}", ",\"writeKey\":\"nope\"}"));
        assertThat(unknown.status()).isEqualTo(200); // the Basic header carries a valid key and wins
        var wrong = t.post("/v1/track", "{\"userId\":\"u\",\"event\":\"x\"}", t.basic("nope"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("error").path("code").asText()).isEqualTo("UNAUTHORIZED");
        var missing = t.post("/v1/batch", "{\"batch\":[]}", null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().path("error").path("field").asText()).isEqualTo("writeKey");
    }

    @Test
    void invalidJsonAndMissingFieldsAre400NamingTheField() throws Exception {
        var bad = t.track("{\"userId\":");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").path("code").asText()).isEqualTo("INVALID_JSON");
        var noEvent = t.track("{\"userId\":\"u1\"}");
        assertThat(noEvent.status()).isEqualTo(400);
        assertThat(noEvent.json().path("error").path("field").asText()).isEqualTo("event");
        var noId = t.track("{\"event\":\"x\"}");
        assertThat(noId.json().path("error").path("field").asText()).isEqualTo("userId");
        var badProps = t.track("{\"userId\":\"u\",\"event\":\"x\",\"properties\":[1]}");
        assertThat(badProps.json().path("error").path("field").asText()).isEqualTo("properties");
        var noBatch = t.post("/v1/batch", "{}", t.basic(t.writeKey));
        assertThat(noBatch.status()).isEqualTo(400);
        assertThat(noBatch.json().path("error").path("field").asText()).isEqualTo("batch");
        assertThat(t.query("{\"kind\":\"summary\"}").get("events").asLong()).isZero();
    }

    @Test
    void batchKeepsValidItemsAndReportsRejectedOnes() throws Exception {
        var r = t.post("/v1/batch", """
                {"batch":[{"type":"track","userId":"u1","event":"a","messageId":"1"},
                          {"type":"track","event":"b","messageId":"2"},
                          {"type":"bogus","userId":"u1","messageId":"3"},
                          {"type":"identify","userId":"u1","traits":{"plan":"pro"},"messageId":"4"}]}""", t.basic(t.writeKey));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(2);
        JsonNode rejected = r.json().get("rejected");
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(0).get("index").asInt()).isEqualTo(1);
        assertThat(rejected.get(0).get("field").asText()).isEqualTo("userId");
        assertThat(rejected.get(1).get("index").asInt()).isEqualTo(2);
        assertThat(rejected.get(1).get("field").asText()).isEqualTo("type");
        assertThat(t.query("{\"kind\":\"summary\"}").get("events").asLong()).isEqualTo(2);

        var allBad = t.post("/v1/batch", "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\"}]}", t.basic(t.writeKey));
        assertThat(allBad.status()).isEqualTo(400);
        assertThat(allBad.json().path("error").path("field").asText()).isEqualTo("batch[0].event");
    }

    @Test
    void retriedMessageIdsAreStoredOnce() throws Exception {
        String body = "{\"userId\":\"u1\",\"event\":\"purchase\",\"messageId\":\"same\",\"properties\":{\"revenue\":10}}";
        assertThat(t.track(body).status()).isEqualTo(200);
        assertThat(t.track(body).status()).isEqualTo(200);
        var batch = t.post("/v1/batch", "{\"batch\":[" + body.replace("{\"userId\"", "{\"type\":\"track\",\"userId\"") + "]}", t.basic(t.writeKey));
        assertThat(batch.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(t.query("{\"kind\":\"summary\"}").get("events").asLong()).isEqualTo(1);
    }

    @Test
    void gzipBodiesAreAccepted() throws Exception {
        var r = t.postGzip("/v1/batch", "{\"batch\":[{\"type\":\"track\",\"userId\":\"gz\",\"event\":\"zipped\"}]}", t.basic(t.writeKey));
        assertThat(r.status()).isEqualTo(200);
        assertThat(t.query("{\"kind\":\"profile\",\"userId\":\"gz\"}").get("events").asLong()).isEqualTo(1);
        var notGzip = t.send(HttpRequest.newBuilder(URI.create(t.url("/v1/track"))).header("Content-Encoding", "gzip")
                .header("Authorization", t.basic(t.writeKey)).POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(notGzip.status()).isEqualTo(400);
    }

    @Test
    void sizeLimitsAre400PerEventAnd413PerRequest() throws Exception {
        String big = "x".repeat(33 * 1024);
        var oneBig = t.track("{\"userId\":\"u\",\"event\":\"x\",\"properties\":{\"blob\":\"" + big + "\"}}");
        assertThat(oneBig.status()).isEqualTo(413).as("single-event endpoints cap the body at 32 KB");
        var batchWithBig = t.post("/v1/batch", "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"ok\"},"
                + "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"x\",\"properties\":{\"blob\":\"" + big + "\"}}]}", t.basic(t.writeKey));
        assertThat(batchWithBig.status()).isEqualTo(200);
        assertThat(batchWithBig.json().get("rejected").get(0).get("code").asText()).isEqualTo("EVENT_TOO_LARGE");
        assertThat(batchWithBig.json().get("accepted").asInt()).isEqualTo(1);
        String huge = "y".repeat(20 * 1024);
        var items = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            items.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"x\",\"properties\":{\"b\":\"").append(huge).append("\"}}");
        }
        var tooLarge = t.post("/v1/batch", "{\"batch\":[" + items + "]}", t.basic(t.writeKey));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().path("error").path("code").asText()).isEqualTo("REQUEST_TOO_LARGE");
    }

    /** Bodies far larger than the socket buffers: unless the server reads them first, the answer can be lost to a reset. */
    @Test
    void aClientStillSendingABodyTheServerRefusesGetsTheAnswer() throws Exception {
        for (int kb : new int[] {1024, 3 * 1024}) {
            String blob = "z".repeat(kb * 1024);
            var single = t.track("{\"userId\":\"u\",\"event\":\"x\",\"properties\":{\"blob\":\"" + blob + "\"}}");
            assertThat(single.status()).as("%d KB to /v1/track", kb).isEqualTo(413);
            var batch = t.post("/v1/batch", "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"x\",\"properties\":{\"b\":\""
                    + blob + "\"}}]}", t.basic(t.writeKey));
            assertThat(batch.status()).as("%d KB to /v1/batch", kb).isEqualTo(413);
            assertThat(batch.json().path("error").path("code").asText()).isEqualTo("REQUEST_TOO_LARGE");
        }
        var unknownKey = t.post("/v1/batch", "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"x\",\"properties\":{\"b\":\""
                + "z".repeat(400 * 1024) + "\"}}]}", t.basic("wk_unknown"));
        assertThat(unknownKey.status()).as("400 KB with an unknown write key").isEqualTo(401);
    }

    @Test
    void corsIsOpenOnIngestionOnly() throws Exception {
        var preflight = t.send(HttpRequest.newBuilder(URI.create(t.url("/v1/batch"))).header("Origin", "https://shop.example")
                .header("Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(preflight.status()).isLessThan(300);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        var query = t.admin().send(t.admin().builder("/api/v1/query").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"summary\"}")));
        assertThat(query.status()).isEqualTo(200);
        assertThat(query.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void foreignHostHeadersCannotReachTheQueryApi() throws Exception {
        // what a DNS-rebinding page would send; java.net.http refuses to set Host, so speak HTTP by hand
        try (var socket = new java.net.Socket("127.0.0.1", t.server.port())) {
            String body = "{\"kind\":\"summary\"}";
            socket.getOutputStream().write(("POST /api/v1/query HTTP/1.1\r\nHost: attacker.example\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 403").contains("\"field\":\"Host\"");
        }
        assertThat(t.post("/api/v1/query", "{\"kind\":\"summary\"}", null).status()).isEqualTo(200);
    }

    @Test
    void loneSurrogatesAreStoredAsReplacementCharactersInsteadOfBlockingTheLoader() throws Exception {
        assertThat(t.track("{\"userId\":\"s\",\"event\":\"x\",\"properties\":{\"q\":\"a\\ud800b\"}}").status()).isEqualTo(200);
        assertThat(t.track("{\"userId\":\"s\",\"event\":\"after\"}").status()).isEqualTo(200);
        JsonNode timeline = t.query("{\"kind\":\"profile\",\"userId\":\"s\"}").get("timeline");
        assertThat(timeline).hasSize(2);
        assertThat(timeline.get(0).path("properties").path("q").asText()).isEqualTo("a\uFFFDb");
    }

    @Test
    void timestampsOutOfRangeAreRejected() throws Exception {
        var r = t.track("{\"userId\":\"u\",\"event\":\"x\",\"timestamp\":\"+300000-01-01T00:00:00Z\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").path("field").asText()).isEqualTo("timestamp");
        var skew = t.track("{\"userId\":\"u\",\"event\":\"x\",\"timestamp\":\"0001-01-01T00:00:00Z\",\"sentAt\":\"9999-01-01T00:00:00Z\"}");
        assertThat(skew.status()).isEqualTo(400);
        assertThat(t.track("{\"userId\":\"u\",\"event\":\"ok\",\"messageId\":\"again\"}").status()).isEqualTo(200);
        assertThat(t.query("{\"kind\":\"summary\"}").get("events").asLong()).isEqualTo(1);
    }

    @Test
    void sentAtCorrectsClientClockSkew() throws Exception {
        // the client's clock is 2 hours ahead: it stamps the event at its 12:00 and sends at its 12:05
        Instant before = Instant.now();
        var r = t.track("{\"userId\":\"skew\",\"event\":\"x\",\"timestamp\":\"2030-01-01T12:00:00Z\",\"sentAt\":\"2030-01-01T12:05:00Z\"}");
        Instant after = Instant.now();
        assertThat(r.status()).isEqualTo(200);
        Instant ts = Instant.parse(t.query("{\"kind\":\"profile\",\"userId\":\"skew\"}").get("timeline").get(0).get("timestamp").asText());
        assertThat(ts).isBetween(before.minus(Duration.ofMinutes(5)).minusSeconds(1), after.minus(Duration.ofMinutes(5)).plusSeconds(1));
    }

    @Test
    void channelsComeFromTheEventOrAreInferred() throws Exception {
        t.post("/v1/batch", """
                {"batch":[
                  {"type":"page","anonymousId":"c","name":"Home","messageId":"c1"},
                  {"type":"screen","anonymousId":"c","name":"Cart","messageId":"c2"},
                  {"type":"track","anonymousId":"c","event":"purchase","context":{"channel":"store"},"properties":{"revenue":20},"messageId":"c3"},
                  {"type":"track","anonymousId":"c","event":"support_ticket","properties":{"channel":"support"},"messageId":"c4"},
                  {"type":"track","anonymousId":"c","event":"ad_click","context":{"campaign":{"medium":"cpc"}},"messageId":"c5"},
                  {"type":"track","anonymousId":"c","event":"post_click","context":{"campaign":{"medium":"social"}},"messageId":"c6"}]}""",
                t.basic(t.writeKey));
        JsonNode byChannel = t.query("{\"kind\":\"summary\"}").get("byChannel");
        assertThat(byChannel.path("web").asInt()).isEqualTo(1);
        assertThat(byChannel.path("app").asInt()).isEqualTo(1);
        assertThat(byChannel.path("store").asInt()).isEqualTo(1);
        assertThat(byChannel.path("support").asInt()).isEqualTo(1);
        assertThat(byChannel.path("ads").asInt()).isEqualTo(1);
        assertThat(byChannel.path("social").asInt()).isEqualTo(1);
    }

    @Test
    void analysesSeeEventsIngestedBetweenQueries() throws Exception {
        String funnel = "{\"kind\":\"funnel\",\"steps\":[{\"event\":\"product_view\"},{\"event\":\"purchase\"}],\"window\":\"1d\"}";
        t.post("/v1/batch", """
                {"batch":[
                  {"type":"track","anonymousId":"a1","event":"product_view","timestamp":"2026-01-01T10:00:00Z"},
                  {"type":"identify","anonymousId":"a1","userId":"u1","timestamp":"2026-01-01T10:05:00Z"},
                  {"type":"track","userId":"u2","event":"product_view","timestamp":"2026-01-01T11:00:00Z"}]}""", t.basic(t.writeKey));
        JsonNode before = t.query(funnel);
        assertThat(before.at("/steps/0/persons").asInt()).isEqualTo(2);
        assertThat(before.at("/steps/1/persons").asInt()).isZero();
        assertThat(before.at("/stats/events").asInt()).isEqualTo(3);

        // the purchase arrives under the user id: the person who browsed anonymously converts
        t.post("/v1/track", "{\"userId\":\"u1\",\"event\":\"purchase\",\"timestamp\":\"2026-01-01T12:00:00Z\"}", t.basic(t.writeKey));
        JsonNode after = t.query(funnel);
        assertThat(after.at("/steps/1/persons").asInt()).isEqualTo(1);
        assertThat(after.at("/steps/1/conversionFromStart").asDouble()).isEqualTo(0.5);

        var bad = t.post("/api/v1/query", "{\"kind\":\"funnel\",\"steps\":[{\"event\":\"a\"},{\"event\":\"b\",\"where\":[{\"field\":\"x\",\"op\":\"like\",\"value\":1}]}]}", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").path("field").asText()).isEqualTo("steps[1].where[0].op");
    }

    @Test
    void queryErrorsNameTheField() throws Exception {
        var unknownKind = t.post("/api/v1/query", "{\"kind\":\"nope\"}", null);
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.json().path("error").path("field").asText()).isEqualTo("kind");
        var badFrom = t.post("/api/v1/query", "{\"kind\":\"summary\",\"from\":\"yesterday\"}", null);
        assertThat(badFrom.json().path("error").path("field").asText()).isEqualTo("from");
        var noPerson = t.post("/api/v1/query", "{\"kind\":\"profile\",\"userId\":\"ghost\"}", null);
        assertThat(noPerson.status()).isEqualTo(404);
        assertThat(t.send(HttpRequest.newBuilder(URI.create(t.url("/"))).GET().build()).status()).isEqualTo(200);
    }
}

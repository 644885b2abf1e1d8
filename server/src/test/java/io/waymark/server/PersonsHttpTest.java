package io.waymark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.collector.ImportReport;
import io.waymark.collector.Importer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Person search, profile, export and forgetting over HTTP on a real server and store. */
class PersonsHttpTest extends ServerPerTest {
    /** Ada browses as a1, identifies as u1 with an e-mail and buys; Bob (u2) and Cleo (a3) are others. */
    private static final String PEOPLE = """
            {"batch":[
             {"type":"page","anonymousId":"a1","name":"Home","messageId":"p1","timestamp":"2026-02-01T10:00:00Z"},
             {"type":"identify","anonymousId":"a1","userId":"u1","traits":{"email":"Ada@Example.com","plan":"pro","name":"Ada"},"messageId":"p2","timestamp":"2026-02-01T10:01:00Z"},
             {"type":"track","userId":"u1","event":"purchase","properties":{"revenue":40},"context":{"channel":"store"},"messageId":"p3","timestamp":"2026-02-01T10:02:00Z"},
             {"type":"identify","anonymousId":"a2","userId":"u2","traits":{"email":"bob@example.com","plan":"free"},"messageId":"p4","timestamp":"2026-02-01T10:03:00Z"},
             {"type":"track","userId":"u2","event":"purchase","properties":{"revenue":10},"messageId":"p5","timestamp":"2026-02-01T10:04:00Z"},
             {"type":"track","anonymousId":"a3","event":"product_view","messageId":"p6","timestamp":"2026-02-01T10:05:00Z"}]}""";

    @BeforeEach
    void storePeople() throws Exception {
        var r = t.post("/v1/batch", PEOPLE, t.basic(t.writeKey));
        assertThat(r.json().path("accepted").asInt()).isEqualTo(6);
        assertThat(t.data.collector().awaitLoaded(30_000)).isTrue();
    }

    private JsonNode ok(TestServer.Response r) {
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(200);
        return r.json();
    }

    private String adaId() throws Exception {
        return ok(t.get("/api/v1/persons?q=u1")).at("/persons/0/personId").asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void searchFindsAdaByEveryKeyAndTheProfileShowsHerTimeline() throws Exception {
        String ada = adaId();
        assertThat(ada).isNotEmpty();
        for (String q : List.of("a1", ada, "ada@EXAMPLE.com")) {
            JsonNode found = ok(t.get("/api/v1/persons?q=" + enc(q)));
            assertThat(found.at("/persons/0/personId").asText()).as(q).isEqualTo(ada);
            assertThat(found.path("persons").size()).isEqualTo(1);
        }
        JsonNode byTrait = ok(t.get("/api/v1/persons?trait=" + enc("plan=pro")));
        assertThat(byTrait.at("/persons/0/email").asText()).isEqualTo("Ada@Example.com");
        assertThat(byTrait.at("/persons/0/events").asInt()).isEqualTo(3);
        assertThat(ok(t.get("/api/v1/persons?trait=" + enc("plan=none"))).path("persons").size()).isZero();

        JsonNode profile = ok(t.get("/api/v1/persons/" + enc(ada)));
        assertThat(profile.path("userIds").toString()).isEqualTo("[\"u1\"]");
        assertThat(profile.path("timeline").size()).isEqualTo(3);
        assertThat(profile.at("/timeline/0/type").asText()).as("oldest first").isEqualTo("page");
        assertThat(profile.path("eventsByChannel").path("store").asInt()).isEqualTo(1);
        assertThat(profile.path("segments").isArray()).isTrue();
        JsonNode capped = ok(t.get("/api/v1/persons/" + enc(ada) + "?limit=1"));
        assertThat(capped.path("timeline").size()).isEqualTo(1);
        assertThat(capped.path("truncated").asBoolean()).isTrue();
    }

    @Test
    void badParametersAre400AndUnknownPersons404NamingTheField() throws Exception {
        var noQuery = t.get("/api/v1/persons");
        assertThat(noQuery.status()).isEqualTo(400);
        assertThat(noQuery.json().at("/error/field").asText()).isEqualTo("q");
        for (String limit : List.of("abc", "0", "101", "99999999999")) {
            var r = t.get("/api/v1/persons?q=u1&limit=" + limit);
            assertThat(r.status()).as(limit).isEqualTo(400);
            assertThat(r.json().at("/error/field").asText()).isEqualTo("limit");
        }
        var badTrait = t.get("/api/v1/persons?trait=plan");
        assertThat(badTrait.status()).isEqualTo(400);
        assertThat(badTrait.json().at("/error/field").asText()).isEqualTo("trait");
        for (var r : List.of(t.get("/api/v1/persons/nobody"), t.get("/api/v1/persons/nobody/export"), t.delete("/api/v1/persons/nobody"))) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.json().at("/error/code").asText()).isEqualTo("NOT_FOUND");
            assertThat(r.json().at("/error/field").asText()).isEqualTo("personId");
        }
        assertThat(t.get("/api/v1/persons/" + enc(adaId()) + "?limit=x").json().at("/error/field").asText()).isEqualTo("limit");
    }

    @Test
    void exportHoldsEveryEventAndAfterForgettingNothingOfAdaIsFound() throws Exception {
        String ada = adaId();
        JsonNode export = ok(t.get("/api/v1/persons/" + enc(ada) + "/export"));
        assertThat(export.path("events").size()).isEqualTo(3);
        assertThat(export.at("/events/2/properties/revenue").asInt()).isEqualTo(40);
        assertThat(export.at("/events/1/traits/email").asText()).isEqualTo("Ada@Example.com");
        assertThat(export.at("/tables/person_map").size()).isEqualTo(2);
        JsonNode before = t.query("{\"kind\":\"summary\"}");
        JsonNode trendBefore = t.query("{\"kind\":\"trend\",\"event\":\"purchase\",\"interval\":\"day\",\"measure\":\"sum:revenue\"}");
        assertThat(trendBefore.at("/series/0/points/0/value").asDouble()).isEqualTo(50);

        JsonNode forgot = ok(t.delete("/api/v1/persons/" + enc(ada)));
        assertThat(forgot.path("success").asBoolean()).isTrue();
        assertThat(forgot.at("/removed/events").asInt()).isEqualTo(3);
        assertThat(forgot.path("tombstones").asInt()).isEqualTo(2);

        for (String q : List.of("u1", "a1", ada, "ada@example.com")) {
            assertThat(ok(t.get("/api/v1/persons?q=" + enc(q))).path("persons").size()).as(q).isZero();
        }
        assertThat(ok(t.get("/api/v1/persons?trait=" + enc("plan=pro"))).path("persons").size()).isZero();
        var profile = t.get("/api/v1/persons/" + enc(ada));
        assertThat(profile.status()).isEqualTo(404);
        assertThat(profile.json().at("/error/field").asText()).isEqualTo("personId");
        JsonNode after = t.query("{\"kind\":\"summary\"}");
        assertThat(after.path("events").asInt()).isEqualTo(before.path("events").asInt() - 3);
        assertThat(after.path("persons").asInt()).isEqualTo(before.path("persons").asInt() - 1);
        assertThat(t.query("{\"kind\":\"trend\",\"event\":\"purchase\",\"interval\":\"day\",\"measure\":\"sum:revenue\"}")
                .at("/series/0/points/0/value").asDouble()).as("the analysis cache no longer holds Ada's purchase").isEqualTo(10);

        // her client retries the same batch, sends a new event, and an operator re-imports the old file
        var resent = ok(t.post("/v1/batch", PEOPLE, t.basic(t.writeKey)));
        assertThat(resent.path("forgotten").asInt()).isEqualTo(3);
        assertThat(resent.path("accepted").asInt()).isZero();
        assertThat(resent.path("duplicates").asInt()).as("the others' retries").isEqualTo(3);
        var single = ok(t.track("{\"userId\":\"u1\",\"event\":\"login\",\"messageId\":\"new-1\"}"));
        assertThat(single.path("forgotten").asInt()).isEqualTo(1);
        Path file = dir.resolve("old.jsonl");
        var lines = new ArrayList<String>();
        t.query("{\"kind\":\"summary\"}");
        for (JsonNode m : io.waymark.core.Json.MAPPER.readTree(PEOPLE).path("batch")) {
            lines.add(((com.fasterxml.jackson.databind.node.ObjectNode) m.deepCopy()).put("messageId", "re-" + m.path("messageId").asText()).toString());
        }
        Files.write(file, lines);
        ImportReport report = new Importer(t.data.collector()).importFiles(List.of(file));
        assertThat(report.forgotten()).isEqualTo(3);
        assertThat(report.imported()).isEqualTo(3);
        assertThat(ok(t.get("/api/v1/persons?q=u1")).path("persons").size()).isZero();
        assertThat(t.query("{\"kind\":\"summary\"}").path("events").asInt()).isEqualTo(after.path("events").asInt() + 3);
        assertThat(t.delete("/api/v1/persons/" + enc(ada)).status()).isEqualTo(404);
    }

    /** Forgetting one person while others' events stream in loses none of the acknowledged ones. */
    @Test
    void forgettingDuringIngestionLosesNoOtherAcknowledgedEvent() throws Exception {
        long before = t.query("{\"kind\":\"summary\"}").path("events").asLong();
        String ada = adaId();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger batches = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(3);
        List<Future<Integer>> acked = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            int sender = s;
            acked.add(senders.submit(() -> {
                int ok = 0;
                for (int b = 0; !stop.get() || b < 5; b++) {
                    var batch = new StringBuilder("{\"batch\":[");
                    for (int i = 0; i < 20; i++) {
                        batch.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"x\",\"userId\":\"s")
                                .append(sender).append('-').append(i).append("\",\"messageId\":\"c").append(sender).append('-')
                                .append(b).append('-').append(i).append("\"}");
                    }
                    var r = t.post("/v1/batch", batch.append("]}").toString(), t.basic(t.writeKey));
                    if (r.status() == 200) {
                        ok += r.json().path("accepted").asInt();
                    }
                    batches.incrementAndGet();
                }
                return ok;
            }));
        }
        while (batches.get() < 6) { // the forget starts while events stream in
            Thread.onSpinWait();
        }
        JsonNode forgot = ok(t.delete("/api/v1/persons/" + enc(ada)));
        stop.set(true);
        int sent = 0;
        for (Future<Integer> f : acked) {
            sent += f.get();
        }
        senders.shutdown();
        assertThat(sent).isGreaterThanOrEqualTo(300);
        assertThat(t.query("{\"kind\":\"summary\"}").path("events").asLong())
                .isEqualTo(before - forgot.at("/removed/events").asLong() + sent);
    }
}

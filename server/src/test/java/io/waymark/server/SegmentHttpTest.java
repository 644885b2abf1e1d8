package io.waymark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved segments over HTTP on a real server and store: CRUD, membership refresh with transitions, use in queries, errors. */
class SegmentHttpTest {
    private static final String ABANDONERS = """
            {"name":"Cart abandoners","description":"carted in the last 7 days, no purchase since","rules":{"all":[
              {"event":"add_to_cart","within":"7d"},{"event":"purchase","since":"add_to_cart","count":{"eq":0}}]}}""";

    /** A clock the test moves; the server reads it for "now". */
    static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path dir;
    MovableClock clock = new MovableClock(Instant.parse("2026-03-10T00:00:00Z"));
    TestServer t;

    @BeforeEach
    void start() throws Exception {
        t = new TestServer(dir, clock);
        send("u1", "add_to_cart", "2026-03-05T10:00:00Z");
        send("u2", "add_to_cart", "2026-03-05T10:00:00Z");
        send("u2", "purchase", "2026-03-06T10:00:00Z");
        t.query("{\"kind\":\"summary\"}");
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void savedSegmentLifecycle() throws Exception {
        var created = t.post("/api/v1/segments", ABANDONERS, null);
        assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
        assertThat(created.json().get("id").asText()).isEqualTo("cart_abandoners");
        assertThat(created.json().get("members").asLong()).isEqualTo(1);
        assertThat(created.json().get("timezone").asText()).isEqualTo("UTC");

        assertThat(t.get("/api/v1/segments").json().get("segments")).hasSize(1);
        assertThat(t.get("/api/v1/segments/cart_abandoners").json().get("rules").get("all")).hasSize(2);
        assertThat(memberIds()).containsExactly(personId("u1"));
        // any analysis accepts the saved segment by id
        JsonNode trend = t.query("{\"kind\":\"trend\",\"event\":\"add_to_cart\",\"segment\":\"cart_abandoners\"}");
        assertThat(trend.get("series").get(0).get("total").asLong()).isEqualTo(1);

        // u1 buys: new data makes the refresh due once the minimum interval passed; u1 exits, recorded with the entry
        t.server.refreshSegmentsIfDue(); // the first check (or the server's own, if it came first) sets the baseline
        send("u1", "purchase", "2026-03-09T10:00:00Z");
        t.query("{\"kind\":\"summary\"}");
        assertThat(t.server.refreshSegmentsIfDue()).as("new data, but too soon after the last refresh").isFalse();
        clock.now = clock.now.plus(Duration.ofMinutes(3));
        assertThat(t.server.refreshSegmentsIfDue()).isTrue();
        assertThat(memberIds()).isEmpty();
        JsonNode transitions = t.get("/api/v1/segments/cart_abandoners/transitions").json().get("transitions");
        assertThat(transitions).hasSize(2);
        assertThat(transitions.get(0).get("kind").asText()).isEqualTo("entered");
        assertThat(transitions.get(1).get("kind").asText()).isEqualTo("exited");
        assertThat(transitions.get(1).get("personId").asText()).isEqualTo(personId("u1"));
        assertThat(t.server.refreshSegmentsIfDue()).as("nothing changed").isFalse();
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertThat(t.server.refreshSegmentsIfDue()).as("relative windows moved").isTrue();

        // editing the rules refreshes the members
        var updated = t.put("/api/v1/segments/cart_abandoners", """
                {"name":"Carted lately","rules":{"event":"add_to_cart","within":"30d"}}""");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("name").asText()).isEqualTo("Carted lately");
        assertThat(updated.json().get("members").asLong()).isEqualTo(2);
        assertThat(t.post("/api/v1/segments/cart_abandoners/refresh", "", null).json().get("members").asLong()).isEqualTo(2);

        assertThat(t.delete("/api/v1/segments/cart_abandoners").status()).isEqualTo(200);
        assertError(t.get("/api/v1/segments/cart_abandoners"), 404, "segment");
        assertThat(t.get("/api/v1/segments").json().get("segments")).isEmpty();
    }

    @Test
    void badRequestsNameTheField() throws Exception {
        assertError(t.post("/api/v1/segments", "{\"name\":\"x\",\"rules\":{\"all\":[{\"event\":\"a\",\"count\":{\"gte\":\"1\"}}]}}", null),
                400, "rules.all[0].count.gte");
        assertError(t.post("/api/v1/segments", "{\"rules\":{\"event\":\"a\"}}", null), 400, "name");
        assertError(t.post("/api/v1/segments", "{\"name\":\"x\"}", null), 400, "rules");
        assertError(t.post("/api/v1/segments", "{\"name\":\"x\",\"id\":\"Not An Id\",\"rules\":{\"event\":\"a\"}}", null), 400, "id");
        assertError(t.post("/api/v1/segments", "{\"name\":\"x\",\"rules\":{\"event\":\"a\"},\"timezone\":\"Mars/Base\"}", null), 400, "timezone");
        // parses, but this store's journey stages have no such stage: refused, and nothing is saved
        assertError(t.post("/api/v1/segments", "{\"name\":\"x\",\"rules\":{\"fact\":\"stage\",\"op\":\"eq\",\"value\":\"nirvana\"}}", null),
                400, "segment");
        assertThat(t.get("/api/v1/segments").json().get("segments")).isEmpty();
        assertThat(t.post("/api/v1/segments", ABANDONERS, null).status()).isEqualTo(201);
        assertError(t.post("/api/v1/segments", ABANDONERS, null), 409, "id");
        assertError(t.put("/api/v1/segments/cart_abandoners", "{\"id\":\"other\",\"name\":\"x\",\"rules\":{\"event\":\"a\"}}"), 400, "id");
        assertError(t.put("/api/v1/segments/nope", "{\"name\":\"x\",\"rules\":{\"event\":\"a\"}}"), 404, "segment");
        assertError(t.get("/api/v1/segments/cart_abandoners/members?limit=0"), 400, "limit");
        assertError(t.get("/api/v1/segments/Bad%20Id"), 400, "id");
        assertError(t.post("/api/v1/query", "{\"kind\":\"trend\",\"event\":\"a\",\"segment\":\"nope\"}", null), 404, "segment");
        assertError(t.post("/api/v1/query", "{\"kind\":\"segment\",\"rules\":{\"fact\":\"stage\",\"op\":\"gte\",\"value\":\"nirvana\"}}", null),
                400, "segment");
    }

    @Test
    void previewCountsAndSamplesWithoutSaving() throws Exception {
        JsonNode preview = t.query("{\"kind\":\"segment\",\"rules\":{\"event\":\"add_to_cart\"},\"sample\":5}");
        assertThat(preview.get("members").asLong()).isEqualTo(2);
        assertThat(preview.get("persons").asLong()).isEqualTo(2);
        assertThat(preview.get("asOf").asText()).isEqualTo("2026-03-10T00:00:00Z");
        assertThat(preview.get("sample").get(0).get("userIds").get(0).asText()).isEqualTo("u1");
        assertThat(t.get("/api/v1/segments").json().get("segments")).isEmpty();
    }

    private List<String> memberIds() throws Exception {
        List<String> out = new ArrayList<>();
        t.get("/api/v1/segments/cart_abandoners/members?limit=10").json().get("members").forEach(m -> out.add(m.get("personId").asText()));
        return out;
    }

    private String personId(String userId) throws Exception {
        return t.query("{\"kind\":\"profile\",\"userId\":\"" + userId + "\"}").get("personId").asText();
    }

    private void send(String userId, String event, String at) throws Exception {
        var r = t.track("{\"userId\":\"" + userId + "\",\"event\":\"" + event + "\",\"timestamp\":\"" + at + "\"}");
        assertThat(r.status()).isEqualTo(200);
    }

    private static void assertError(TestServer.Response r, int status, String field) {
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(status);
        assertThat(r.json().get("error").get("field").asText()).as(String.valueOf(r.json())).isEqualTo(field);
    }
}

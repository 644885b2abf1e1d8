package io.waymark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Experiments over HTTP on a real server: create, decide (sticky, targeted, exposure recorded), analyse, stop, errors. */
class ExperimentHttpTest extends ServerPerTest {
    private static final String DEFINITION = """
            {"key":"checkout","variants":[{"key":"control"},{"key":"fast"}],
             "metric":{"type":"conversion","event":"purchase","window":"1d"}}""";

    private TestServer.Response decide(String query) throws Exception {
        return t.anonymous().get("/api/v1/decide?writeKey=" + t.writeKey + "&" + query);
    }

    @Test
    void variantsAreStickyAcrossDevicesAndExposuresAreRecorded() throws Exception {
        var created = t.post("/api/v1/experiments?start=true", DEFINITION, null);
        assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("RUNNING");

        var anonymous = decide("key=checkout&anonymousId=a1");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        String variant = anonymous.json().get("variant").asText();
        assertThat(variant).isIn("control", "fast");
        assertThat(anonymous.json().get("firstExposure").asBoolean()).isTrue();
        assertThat(decide("key=checkout&anonymousId=a1").json().get("variant").asText()).isEqualTo(variant);
        // logging in on that device, then a second device of the same user: the variant follows the person
        assertThat(decide("key=checkout&anonymousId=a1&userId=u1").json().get("variant").asText()).isEqualTo(variant);
        var secondDevice = decide("key=checkout&anonymousId=a2&userId=u1");
        assertThat(secondDevice.json().get("variant").asText()).isEqualTo(variant);
        assertThat(secondDevice.json().get("reason").asText()).isEqualTo("assigned before");

        // many units split about evenly; exposures are one per unit (the user id once known): a1, u1 and the 200 users
        int fast = 0;
        for (int i = 0; i < 200; i++) {
            fast += decide("key=checkout&userId=user" + i).json().get("variant").asText().equals("fast") ? 1 : 0;
        }
        assertThat(fast).isBetween(70, 130);
        JsonNode summary = t.query("{\"kind\":\"summary\"}");
        assertThat(summary.get("byEvent").get("$experiment_exposure").asInt()).isEqualTo(2 + 200);
        JsonNode analysis = t.query("{\"kind\":\"experiment\",\"experiment\":\"checkout\"}");
        assertThat(analysis.get("exposed").get(0).asLong() + analysis.get("exposed").get(1).asLong()).isEqualTo(201);
        assertThat(analysis.get("mixed").asLong()).isZero();
        assertThat(analysis.get("result").get("sampleRatio").get("mismatch").asBoolean()).isFalse();

        assertThat(t.post("/api/v1/experiments/checkout/stop", "", null).json().get("status").asText()).isEqualTo("STOPPED");
        var stopped = decide("key=checkout&userId=newcomer");
        assertThat(stopped.json().get("variant").isNull()).isTrue();
        assertThat(stopped.json().get("reason").asText()).contains("stopped");
        assertError(t.post("/api/v1/experiments/checkout/start", "", null), 400, "status");
    }

    @Test
    void theTargetingSegmentLimitsWhoIsInTheExperiment() throws Exception {
        assertThat(t.track("{\"userId\":\"buyer\",\"event\":\"purchase\"}").status()).isEqualTo(200);
        assertThat(t.track("{\"userId\":\"browser\",\"event\":\"product_view\"}").status()).isEqualTo(200);
        t.query("{\"kind\":\"summary\"}");
        assertThat(t.post("/api/v1/segments", "{\"id\":\"buyers\",\"name\":\"Buyers\",\"rules\":{\"event\":\"purchase\"}}", null).status())
                .isEqualTo(201);
        assertThat(t.post("/api/v1/experiments?start=true", DEFINITION.replace("\"key\":\"checkout\",", "\"key\":\"checkout\",\"segment\":\"buyers\","),
                null).status()).isEqualTo(201);
        assertThat(decide("key=checkout&userId=buyer").json().get("variant").isNull()).isFalse();
        var outside = decide("key=checkout&userId=browser");
        assertThat(outside.json().get("variant").isNull()).isTrue();
        assertThat(outside.json().get("reason").asText()).contains("buyers");
    }

    @Test
    void aForgottenPersonGetsNoVariantAndLeavesNoAssignment() throws Exception {
        assertThat(t.post("/api/v1/experiments?start=true", DEFINITION, null).status()).isEqualTo(201);
        assertThat(decide("key=checkout&userId=gone").json().get("variant").isNull()).isFalse();
        String personId = t.query("{\"kind\":\"profile\",\"userId\":\"gone\"}").get("personId").asText();
        assertThat(t.delete("/api/v1/persons/" + personId).status()).isEqualTo(200);
        var after = decide("key=checkout&userId=gone");
        assertThat(after.json().get("variant").isNull()).isTrue();
        assertThat(after.json().get("reason").asText()).isEqualTo("forgotten person");
        var export = t.get("/api/v1/persons?q=gone").json();
        assertThat(export.get("persons")).isEmpty();
    }

    @Test
    void badRequestsNameTheField() throws Exception {
        assertError(t.post("/api/v1/experiments", "{\"key\":\"k\",\"variants\":[{\"key\":\"a\"}],\"metric\":{\"type\":\"count\",\"event\":\"x\"}}", null),
                400, "variants");
        assertThat(t.post("/api/v1/experiments", DEFINITION, null).status()).isEqualTo(201);
        assertError(t.post("/api/v1/experiments", DEFINITION, null), 409, "key");
        assertThat(decide("key=checkout&userId=u1").json().get("reason").asText()).contains("draft");
        assertError(t.anonymous().get("/api/v1/decide?key=checkout&userId=u1"), 401, "writeKey");
        assertError(t.anonymous().get("/api/v1/decide?writeKey=wrong&key=checkout&userId=u1"), 401, "writeKey");
        assertError(decide("userId=u1"), 400, "key");
        assertError(decide("key=checkout"), 400, "userId");
        assertError(decide("key=nope&userId=u1"), 404, "experiment");
        assertError(t.get("/api/v1/experiments/nope"), 404, "experiment");
        assertError(t.post("/api/v1/query", "{\"kind\":\"experiment\",\"experiment\":\"nope\"}", null), 404, "experiment");
        assertError(t.post("/api/v1/query", "{\"kind\":\"experiment\",\"experiment\":\"checkout\",\"correction\":\"bonferroni\"}", null), 400, "correction");
    }

    private static void assertError(TestServer.Response r, int status, String field) {
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(status);
        assertThat(r.json().get("error").get("field").asText()).as(String.valueOf(r.json())).isEqualTo(field);
    }
}

package io.waymark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/recommendations} on a real server: write-key auth, CORS, the model following new data, errors. */
class RecommendationsHttpTest extends ServerPerTest {
    private TestServer.Response recommend(String query) throws Exception {
        return t.anonymous().get("/api/v1/recommendations?writeKey=" + t.writeKey + "&" + query);
    }

    private void purchase(String user, String... products) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (String p : products) {
            lines.append(lines.length() == 0 ? "" : ",").append("{\"productId\":\"").append(p).append("\"}");
        }
        assertThat(t.track("{\"userId\":\"" + user + "\",\"event\":\"purchase\",\"properties\":{\"products\":[" + lines + "]}}").status())
                .isEqualTo(200);
    }

    @Test
    void answersFromBoughtTogetherAndFollowsNewData() throws Exception {
        purchase("u1", "kettle", "mug");
        purchase("u2", "kettle", "tea");
        purchase("u3", "kettle");
        t.query("{\"kind\":\"summary\"}"); // waits until the events are loaded
        var r = recommend("userId=u3&n=2");
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        JsonNode items = r.json().get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("itemId").asText()).isEqualTo("mug");
        assertThat(items.get(0).get("reason").asText()).isEqualTo("bought together with kettle");
        assertThat(items.get(1).get("itemId").asText()).isEqualTo("tea");

        // a new buyer of kettle and tea: the cached model is rebuilt for the new data and tea overtakes mug
        purchase("u4", "kettle", "tea");
        t.query("{\"kind\":\"summary\"}");
        assertThat(recommend("userId=u3&n=1").json().at("/items/0/itemId").asText()).isEqualTo("tea");

        // Basic auth works like for /v1/*; a visitor never seen gets the popular items
        var anonymous = t.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(t.url("/api/v1/recommendations?anonymousId=new-visitor&n=1")))
                .header("Authorization", t.basic(t.writeKey)).GET().build());
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().get("personId").isNull()).isTrue();
        assertThat(anonymous.json().at("/items/0/itemId").asText()).isEqualTo("kettle");
        assertThat(anonymous.json().at("/items/0/reason").asText()).isEqualTo("popular");
        // the same kind answers through the query API
        assertThat(t.query("{\"kind\":\"recommendations\",\"userId\":\"u3\",\"n\":1}").at("/items/0/itemId").asText()).isEqualTo("tea");
    }

    @Test
    void errorsNameTheField() throws Exception {
        assertError(t.get("/api/v1/recommendations?userId=u1"), 401, "writeKey");
        assertError(t.get("/api/v1/recommendations?writeKey=wrong&userId=u1"), 401, "writeKey");
        assertError(recommend("n=3"), 400, "userId");
        assertError(recommend("userId=u1&n=0"), 400, "n");
        assertError(recommend("userId=u1&n=many"), 400, "n");
        assertError(recommend("userId=u1&segment=Not%20An%20Id"), 400, "segment");
        assertError(recommend("userId=u1&excludePurchased=maybe"), 400, "excludePurchased");
        assertError(recommend("userId=u1&segment=missing"), 404, "segment");
    }

    private static void assertError(TestServer.Response r, int status, String field) {
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(status);
        assertThat(r.json().get("error").get("field").asText()).as(String.valueOf(r.json())).isEqualTo(field);
    }
}

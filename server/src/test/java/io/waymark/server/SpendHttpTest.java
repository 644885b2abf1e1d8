package io.waymark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class SpendHttpTest extends ServerPerTest {
    private static final String KPIS = "{\"kind\":\"kpis\",\"from\":\"2026-03-01\",\"to\":\"2026-03-08\",\"compareTo\":\"none\"}";

    @Test
    void jsonSpendIsStoredAndReplacedPerDateChannelAndCampaign() throws Exception {
        var r = t.post("/api/v1/spend", """
                {"spend":[{"date":"2026-03-01","channel":"ads","campaign":"spring","cost":50,"currency":"EUR"},
                          {"date":"2026-03-02","channel":"email","campaign":"news","cost":20.5,"currency":"EUR"}]}""", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("imported").asInt()).isEqualTo(2);
        t.post("/api/v1/spend", "{\"spend\":[{\"date\":\"2026-03-01\",\"channel\":\"ads\",\"campaign\":\"spring\",\"cost\":30,\"currency\":\"EUR\"}]}", null);
        assertThat(spend(t.query(KPIS))).isEqualTo(50.5);
    }

    @Test
    void oneBadItemRejectsTheRequestNamingItsField() throws Exception {
        var r = t.post("/api/v1/spend", """
                {"spend":[{"date":"2026-03-01","channel":"ads","campaign":"spring","cost":50,"currency":"EUR"},
                          {"date":"2026-03-02","channel":"google","campaign":"news","cost":20,"currency":"EUR"}]}""", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").path("field").asText()).isEqualTo("spend[1].channel");
        assertThat(spend(t.query(KPIS))).as("nothing stored").isEqualTo(0.0);
    }

    @Test
    void aCostBeyondTheDoubleRangeIsA400NamingCost() throws Exception {
        var r = t.post("/api/v1/spend", """
                {"spend":[{"date":"2026-03-01","channel":"ads","campaign":"spring","cost":1e400,"currency":"EUR"}]}""", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").path("field").asText()).isEqualTo("spend[0].cost");
        assertThat(spend(t.query(KPIS))).as("nothing stored").isEqualTo(0.0);
    }

    @Test
    void csvBodiesAreAcceptedAndTheirFirstBadLineRejectsThem() throws Exception {
        var ok = csv("date,channel,campaign,cost,currency\n2026-03-01,ads,spring,12.5,EUR\n");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(spend(t.query(KPIS))).isEqualTo(12.5);
        var bad = csv("date,channel,campaign,cost,currency\n2026-03-02,ads,spring,12.5,EUR\n2026-03-03,ads,spring,abc,EUR\n");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").path("field").asText()).isEqualTo("cost");
        assertThat(bad.json().path("error").path("message").asText()).startsWith("line 3:");
        assertThat(spend(t.query(KPIS))).isEqualTo(12.5);
    }

    @Test
    void foreignHostHeadersCannotPostSpend() throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", t.server.port())) {
            String body = "{\"spend\":[]}";
            socket.getOutputStream().write(("POST /api/v1/spend HTTP/1.1\r\nHost: attacker.example\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 403").contains("\"field\":\"Host\"");
        }
    }

    private TestServer.Response csv(String body) throws Exception {
        return t.admin().send(t.admin().builder("/api/v1/spend").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static double spend(JsonNode kpis) {
        for (JsonNode k : kpis.get("kpis")) {
            if (k.get("name").asText().equals("spend")) {
                return k.get("value").asDouble();
            }
        }
        throw new AssertionError("no spend KPI in " + kpis);
    }
}

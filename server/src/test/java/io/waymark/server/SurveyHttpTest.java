package io.waymark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Surveys over HTTP on a real server: definitions and their form, answers through the collector, the surveys kind and the sentiment fact. */
class SurveyHttpTest extends ServerPerTest {
    private static final String NPS = """
            {"id":"nps-post_purchase","type":"nps","question":"How likely are you to recommend us to a friend?",
             "followUp":"What is the main reason for your score?"}""";

    @Test
    void definitionsCanBeSavedChangedAndDeletedAndGiveTheirForm() throws Exception {
        var created = t.post("/api/v1/surveys", NPS, null);
        assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
        assertThat(created.json().get("type").asText()).isEqualTo("nps");
        assertError(t.post("/api/v1/surveys", NPS, null), 409, "id");

        JsonNode form = t.get("/api/v1/surveys/nps-post_purchase/form").json();
        assertThat(form.get("scale").get("min").asInt()).isZero();
        assertThat(form.get("scale").get("max").asInt()).isEqualTo(10);
        assertThat(form.get("followUp").asText()).startsWith("What is the main reason");
        assertThat(form.get("answer").get("event").asText()).isEqualTo("survey_response");
        assertThat(form.get("answer").get("properties").get("surveyId").asText()).isEqualTo("nps-post_purchase");
        assertThat(form.get("answer").get("properties").has("score")).isTrue();

        var changed = t.put("/api/v1/surveys/nps-post_purchase", "{\"type\":\"nps\",\"question\":\"Would you recommend us?\"}");
        assertThat(changed.status()).as(String.valueOf(changed.json())).isEqualTo(200);
        assertThat(changed.json().get("question").asText()).isEqualTo("Would you recommend us?");
        assertThat(changed.json().get("followUp").isNull()).isTrue();
        assertThat(t.post("/api/v1/surveys", "{\"id\":\"wishes\",\"type\":\"text\",\"question\":\"Anything else?\"}", null).status()).isEqualTo(201);
        assertThat(t.get("/api/v1/surveys/wishes/form").json().get("scale").isNull()).isTrue();
        assertThat(t.get("/api/v1/surveys").json().get("surveys")).extracting(s -> s.get("id").asText())
                .containsExactly("nps-post_purchase", "wishes");

        assertThat(t.delete("/api/v1/surveys/wishes").status()).isEqualTo(200);
        assertError(t.get("/api/v1/surveys/wishes"), 404, "survey");
        assertError(t.delete("/api/v1/surveys/wishes"), 404, "survey");
        assertError(t.put("/api/v1/surveys/nps-post_purchase", "{\"id\":\"other\",\"type\":\"nps\",\"question\":\"?\"}"), 400, "id");
        assertError(t.post("/api/v1/surveys", "{\"id\":\"x\",\"type\":\"stars\",\"question\":\"?\"}", null), 400, "type");
        assertError(t.post("/api/v1/surveys", "{\"id\":\"x\",\"type\":\"csat\"}", null), 400, "question");
        assertError(t.post("/api/v1/surveys", "{\"id\":\"Bad Id\",\"type\":\"csat\",\"question\":\"?\"}", null), 400, "id");
    }

    @Test
    void answersSentToTheCollectorFeedTheSurveysKindAndTheSentimentFact() throws Exception {
        String[] answers = {
            "{\"userId\":\"u1\",\"event\":\"survey_response\",\"properties\":{\"survey\":\"nps\",\"surveyId\":\"nps-post_purchase\",\"score\":10,\"comment\":\"Love it, ordering is quick and easy\"}}",
            "{\"userId\":\"u2\",\"event\":\"survey_response\",\"properties\":{\"survey\":\"nps\",\"surveyId\":\"nps-post_purchase\",\"score\":3,\"comment\":\"Delivery was late and nobody told me why, terrible communication\"}}",
            "{\"userId\":\"u3\",\"event\":\"support_ticket\",\"properties\":{\"comment\":\"My parcel arrived damaged and nobody answers!!!\"}}"};
        for (String a : answers) {
            assertThat(t.track(a).status()).isEqualTo(200);
        }
        JsonNode surveys = t.query("{\"kind\":\"surveys\"}");
        JsonNode nps = surveys.get("surveys").get(0);
        assertThat(nps.get("id").asText()).isEqualTo("nps-post_purchase");
        assertThat(nps.get("nps").get("score").asDouble()).isEqualTo(0.0);
        assertThat(nps.get("comments").get("negative").asInt()).isEqualTo(1);
        assertThat(nps.get("mostNegative").get(0).get("comment").asText()).startsWith("Delivery was late");
        JsonNode unhappy = t.query("{\"kind\":\"segment\",\"rules\":{\"fact\":\"sentiment\",\"op\":\"lte\",\"value\":-0.05}}");
        assertThat(unhappy.get("members").asInt()).isEqualTo(2);
        assertThat(unhappy.get("sample")).extracting(p -> p.get("userIds").get(0).asText()).containsExactlyInAnyOrder("u2", "u3");
    }

    private static void assertError(TestServer.Response r, int status, String field) {
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(status);
        assertThat(r.json().get("error").get("field").asText()).as(String.valueOf(r.json())).isEqualTo(field);
    }
}

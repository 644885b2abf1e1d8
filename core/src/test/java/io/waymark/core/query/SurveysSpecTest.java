package io.waymark.core.query;

import static io.waymark.core.query.SpecAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SurveysSpecTest {
    @Test
    void defaultsAndFields() {
        var spec = (SurveysSpec) new QuerySpecParser().parse("{\"kind\":\"surveys\"}");
        assertThat(spec.interval()).isEqualTo(Period.WEEK);
        assertThat(spec.breakdown()).isNull();
        assertThat(spec.top()).isEqualTo(10);
        assertThat(spec.negative()).isEqualTo(10);
        assertThat(spec.fields()).containsExactlyInAnyOrder(FeedbackFields.SURVEY, FeedbackFields.SURVEY_ID,
                FeedbackFields.SCORE, FeedbackFields.COMMENT);
        var withBreakdown = (SurveysSpec) new QuerySpecParser().parse(
                "{\"kind\":\"surveys\",\"interval\":\"month\",\"breakdown\":\"channel\",\"negative\":0,\"from\":\"2026-01-01\"}");
        assertThat(withBreakdown.fields()).contains(FieldPath.parse("channel", "breakdown"));
        assertThat(withBreakdown.negative()).isZero();
        assertThat(QuerySpecParser.KINDS).contains("surveys");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"kind\":\"surveys\",\"interval\":\"hour\"}|interval",
        "{\"kind\":\"surveys\",\"negative\":101}|negative",
        "{\"kind\":\"surveys\",\"top\":0}|top",
        "{\"kind\":\"surveys\",\"breakdown\":3}|breakdown",
        "{\"kind\":\"surveys\",\"survey\":\"nps\"}|survey"})
    void namesTheFieldAtFault(String json, String field) {
        assertInvalid(json, field);
    }
}

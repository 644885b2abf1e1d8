package io.waymark.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class KpiSpecTest {
    private final QuerySpecParser parser = new QuerySpecParser();

    @Test
    void defaultsCompareWithThePreviousPeriodOfTheSameLength() {
        var spec = (KpiSpec) parser.parse("{\"kind\":\"kpis\",\"from\":\"2026-03-01\",\"to\":\"2026-03-11T12:00:00Z\",\"channel\":\"ads\"}");
        assertThat(spec.compareTo()).isEqualTo(KpiSpec.Compare.PREVIOUS_PERIOD);
        assertThat(spec.churnDays()).isEqualTo(90);
        assertThat(spec.previousFrom()).isEqualTo(Instant.parse("2026-02-18T12:00:00Z"));
        assertThat(spec.usesSpend()).isTrue();
        assertThat(spec.fields()).contains(KpiSpec.SCORE, KpiSpec.SURVEY, KpiSpec.CAMPAIGN_NAME, FieldPath.PAGE_PATH);
        var none = (KpiSpec) parser.parse("{\"kind\":\"kpis\",\"from\":\"2026-03-01\",\"to\":\"2026-03-11\",\"compareTo\":\"none\",\"churnDays\":30}");
        assertThat(none.previousFrom()).isNull();
        assertThat(none.churnDays()).isEqualTo(30);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"kind\":\"kpis\",\"to\":\"2026-03-11\"}|from",
        "{\"kind\":\"kpis\",\"from\":\"2026-03-01\"}|to",
        "{\"kind\":\"kpis\",\"from\":\"2026-03-11\",\"to\":\"2026-03-01\"}|to",
        "{\"kind\":\"kpis\",\"from\":\"2026-03-01\",\"to\":\"2026-03-11\",\"compareTo\":\"last_year\"}|compareTo",
        "{\"kind\":\"kpis\",\"from\":\"2026-03-01\",\"to\":\"2026-03-11\",\"churnDays\":0}|churnDays",
        "{\"kind\":\"kpis\",\"from\":\"2026-03-01\",\"to\":\"2026-03-11\",\"churnDays\":\"90\"}|churnDays",
        "{\"kind\":\"kpis\",\"from\":\"2026-03-01\",\"to\":\"2026-03-11\",\"interval\":\"day\"}|interval",
        "{\"kind\":\"kpis\",\"from\":\"2026-03-01\",\"to\":\"2026-03-11\",\"channel\":\"google\"}|channel",
    })
    void invalidSpecsNameTheField(String json, String field) {
        assertThatThrownBy(() -> parser.parse(json)).isInstanceOf(WaymarkException.class)
                .satisfies(e -> assertThat(((WaymarkException) e).field()).isEqualTo(field));
    }

    @Test
    void aMissingPeriodIsAMissingField() {
        assertThatThrownBy(() -> parser.parse("{\"kind\":\"kpis\"}"))
                .satisfies(e -> assertThat(((WaymarkException) e).code()).isEqualTo(ErrorCode.MISSING_FIELD))
                .hasMessageContaining("required for kpis");
    }
}

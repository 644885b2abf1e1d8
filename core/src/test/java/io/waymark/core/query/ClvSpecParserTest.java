package io.waymark.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.core.error.WaymarkException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClvSpecParserTest {
    private final QuerySpecParser parser = new QuerySpecParser();

    @Test
    void defaults() {
        var spec = (ClvSpec) parser.parse("{\"kind\":\"clv\"}");
        assertThat(spec.model()).isEqualTo(ClvSpec.Model.HISTORICAL);
        assertThat(spec.horizonDays()).isEqualTo(365);
        assertThat(spec.calibrationEnd()).isNull();
        assertThat(spec.purchase()).isEqualTo("purchase");
        assertThat(spec.top()).isEqualTo(100);
        var full = (ClvSpec) parser.parse("{\"kind\":\"clv\",\"model\":\"bgnbd\",\"calibrationEnd\":\"2026-03-01\",\"channel\":\"web\"}");
        assertThat(full.calibrationEnd()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"kind\":\"clv\",\"model\":\"pareto\"}|model",
            "{\"kind\":\"clv\",\"horizonDays\":0}|horizonDays",
            "{\"kind\":\"clv\",\"horizonDays\":3651}|horizonDays",
            "{\"kind\":\"clv\",\"horizonDays\":1.5}|horizonDays",
            "{\"kind\":\"clv\",\"calibrationEnd\":\"yesterday\"}|calibrationEnd",
            "{\"kind\":\"clv\",\"calibrationEnd\":20260301}|calibrationEnd",
            "{\"kind\":\"clv\",\"purchase\":\"\"}|purchase",
            "{\"kind\":\"clv\",\"top\":-1}|top",
            "{\"kind\":\"clv\",\"discountRate\":0.1}|discountRate"})
    void invalidSpecsNameTheField(String json, String field) {
        assertThatThrownBy(() -> parser.parse(json)).isInstanceOfSatisfying(WaymarkException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.code().httpStatus()).isEqualTo(400);
        });
    }
}

package io.waymark.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.core.error.WaymarkException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AttributionSpecTest {
    private final QuerySpecParser parser = new QuerySpecParser();

    @Test
    void defaults() {
        var spec = (AttributionSpec) parser.parse("{\"kind\":\"attribution\",\"from\":\"2026-01-01\"}");
        assertThat(spec.conversion()).isEqualTo("purchase");
        assertThat(spec.lookbackDays()).isEqualTo(30);
        assertThat(spec.model()).isEqualTo(AttributionSpec.Model.LINEAR);
        assertThat(spec.value()).isEqualTo(AttributionSpec.Value.CONVERSIONS);
        assertThat(spec.by()).isEqualTo(AttributionSpec.By.CHANNEL);
        assertThat(spec.halfLifeDays()).isEqualTo(7);
        assertThat(spec.usesSpend()).isTrue();
        assertThat(spec.scope().range().from()).isNotNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"kind\":\"attribution\",\"model\":\"u_shaped\"} | model",
        "{\"kind\":\"attribution\",\"model\":3} | model",
        "{\"kind\":\"attribution\",\"value\":\"profit\"} | value",
        "{\"kind\":\"attribution\",\"by\":\"source\"} | by",
        "{\"kind\":\"attribution\",\"lookbackDays\":0} | lookbackDays",
        "{\"kind\":\"attribution\",\"lookbackDays\":366} | lookbackDays",
        "{\"kind\":\"attribution\",\"lookbackDays\":1.5} | lookbackDays",
        "{\"kind\":\"attribution\",\"conversion\":\"\"} | conversion",
        "{\"kind\":\"attribution\",\"model\":\"time_decay\",\"halfLifeDays\":0} | halfLifeDays",
        "{\"kind\":\"attribution\",\"model\":\"linear\",\"halfLifeDays\":7} | halfLifeDays",
        "{\"kind\":\"attribution\",\"window\":7} | window",
        "{\"kind\":\"attribution\",\"to\":\"yesterday\"} | to",
    })
    void invalidSpecsNameTheField(String json, String field) {
        assertThatThrownBy(() -> parser.parse(json)).isInstanceOfSatisfying(WaymarkException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.code().httpStatus()).isEqualTo(400);
        });
    }
}

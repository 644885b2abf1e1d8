package io.waymark.core.query;

import static io.waymark.core.query.SpecAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class QuerySpecParserTest {
    private final QuerySpecParser parser = new QuerySpecParser();

    @Test
    void parsesSummaryWithDatesAndInstants() {
        var spec = (SummarySpec) parser.parse("{\"kind\":\"summary\",\"from\":\"2026-01-01\",\"to\":\"2026-02-01T12:00:00Z\"}");
        assertThat(spec.range().from()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(spec.range().to()).isEqualTo(Instant.parse("2026-02-01T12:00:00Z"));
    }

    @Test
    void parsesProfileLookups() {
        var spec = (ProfileSpec) parser.parse("{\"kind\":\"profile\",\"anonymousId\":\"a1\",\"limit\":5}");
        assertThat(spec.by()).isEqualTo(ProfileSpec.Lookup.ANONYMOUS_ID);
        assertThat(spec.id()).isEqualTo("a1");
        assertThat(spec.limit()).isEqualTo(5);
    }

    @Test
    void parsesSessionsWithDefaultsAndScope() {
        var spec = (SessionsSpec) parser.parse("{\"kind\":\"sessions\"}");
        assertThat(spec.gapMinutes()).isEqualTo(30);
        assertThat(spec.top()).isEqualTo(20);
        var custom = (SessionsSpec) parser.parse("{\"kind\":\"sessions\",\"gapMinutes\":1440,\"top\":500,\"channel\":\"web\",\"timezone\":\"Europe/Berlin\"}");
        assertThat(custom.gapMinutes()).isEqualTo(1440);
        assertThat(custom.top()).isEqualTo(500);
        assertThat(custom.scope().channels()).containsExactly(io.waymark.core.event.Channel.WEB);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|kind",
            "{\"kind\":3}|kind",
            "{\"kind\":\"funnelz\"}|kind",
            "{\"kind\":\"summary\",\"from\":\"soon\"}|from",
            "{\"kind\":\"summary\",\"from\":\"2026-02-01\",\"to\":\"2026-01-01\"}|to",
            "{\"kind\":\"summary\",\"form\":\"2026-02-01\"}|form",
            "{\"kind\":\"profile\"}|userId",
            "{\"kind\":\"profile\",\"userId\":\"\"}|userId",
            "{\"kind\":\"profile\",\"userId\":\"u\",\"personId\":\"p\"}|personId",
            "{\"kind\":\"profile\",\"userId\":\"u\",\"limit\":0}|limit",
            "{\"kind\":\"profile\",\"userId\":\"u\",\"limit\":1.5}|limit",
            "{\"kind\":\"sessions\",\"gapMinutes\":0}|gapMinutes",
            "{\"kind\":\"sessions\",\"gapMinutes\":1441}|gapMinutes",
            "{\"kind\":\"sessions\",\"gapMinutes\":\"30m\"}|gapMinutes",
            "{\"kind\":\"sessions\",\"gapMinutes\":2.5}|gapMinutes",
            "{\"kind\":\"sessions\",\"top\":0}|top",
            "{\"kind\":\"sessions\",\"top\":501}|top",
            "{\"kind\":\"sessions\",\"gap\":30}|gap",
            "{\"kind\":\"sessions\",\"channel\":\"tv\"}|channel",
            "{\"kind\":\"sessions\",\"timezone\":\"Mars/Base\"}|timezone",
            "[]|$"})
    void invalidSpecsNameTheField(String json, String field) {
        assertInvalid(json, field);
    }

    @Test
    void invalidJsonIsItsOwnError() {
        assertThatThrownBy(() -> parser.parse("{\"kind\":")).isInstanceOfSatisfying(WaymarkException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON));
    }
}

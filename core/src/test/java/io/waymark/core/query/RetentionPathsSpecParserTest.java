package io.waymark.core.query;

import static io.waymark.core.query.SpecAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetentionPathsSpecParserTest {
    private final QuerySpecParser parser = new QuerySpecParser();

    @Test
    void retentionDefaultsAndScope() {
        var spec = (RetentionSpec) parser.parse("""
                {"kind":"retention","start":"first_seen","return":"any","timezone":"Europe/Berlin","channel":"web"}""");
        assertThat(spec.startsAtFirstSeen()).isTrue();
        assertThat(spec.returnsOnAny()).isTrue();
        assertThat(spec.period()).isEqualTo(Period.DAY);
        assertThat(spec.periods()).isEqualTo(8);
        assertThat(spec.scope().timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void pathsDefaults() {
        var spec = (PathsSpec) parser.parse("{\"kind\":\"paths\",\"end\":\"purchase\"}");
        assertThat(spec.direction()).isEqualTo(PathsSpec.Direction.END);
        assertThat(spec.anchor()).isEqualTo("purchase");
        assertThat(spec.depth()).isEqualTo(5);
        assertThat(spec.top()).isEqualTo(20);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"kind\":\"retention\",\"return\":\"purchase\"}|start",
            "{\"kind\":\"retention\",\"start\":\"signup\"}|return",
            "{\"kind\":\"retention\",\"start\":\"\",\"return\":\"any\"}|start",
            "{\"kind\":\"retention\",\"start\":\"any\",\"return\":\"any\"}|start",
            "{\"kind\":\"retention\",\"start\":\"signup\",\"return\":\"first_seen\"}|return",
            "{\"kind\":\"retention\",\"start\":\"signup\",\"return\":3}|return",
            "{\"kind\":\"retention\",\"start\":\"signup\",\"return\":\"any\",\"period\":\"year\"}|period",
            "{\"kind\":\"retention\",\"start\":\"signup\",\"return\":\"any\",\"periods\":0}|periods",
            "{\"kind\":\"retention\",\"start\":\"signup\",\"return\":\"any\",\"periods\":367}|periods",
            "{\"kind\":\"retention\",\"start\":\"signup\",\"return\":\"any\",\"periods\":2.5}|periods",
            "{\"kind\":\"retention\",\"start\":\"signup\",\"return\":\"any\",\"timezone\":\"Mars/Base\"}|timezone",
            "{\"kind\":\"retention\",\"start\":\"signup\",\"return\":\"any\",\"interval\":\"day\"}|interval",
            "{\"kind\":\"paths\"}|start",
            "{\"kind\":\"paths\",\"start\":\"a\",\"end\":\"b\"}|end",
            "{\"kind\":\"paths\",\"start\":\"$identify\"}|start",
            "{\"kind\":\"paths\",\"end\":\"$alias\"}|end",
            "{\"kind\":\"paths\",\"end\":[\"purchase\"]}|end",
            "{\"kind\":\"paths\",\"start\":\"a\",\"depth\":1}|depth",
            "{\"kind\":\"paths\",\"start\":\"a\",\"depth\":11}|depth",
            "{\"kind\":\"paths\",\"start\":\"a\",\"top\":0}|top",
            "{\"kind\":\"paths\",\"start\":\"a\",\"top\":201}|top",
            "{\"kind\":\"paths\",\"start\":\"a\",\"from\":\"2026-02-01\",\"to\":\"2026-01-01\"}|to",
            "{\"kind\":\"paths\",\"start\":\"a\",\"steps\":3}|steps"})
    void invalidSpecsNameTheField(String json, String field) {
        assertInvalid(json, field);
    }
}

package io.waymark.core.query;

import static io.waymark.core.query.SpecAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FunnelSpecTest {
    private static final String TWO = "\"steps\":[{\"event\":\"a\"},{\"event\":\"b\"}]";
    private final QuerySpecParser parser = new QuerySpecParser();

    @Test
    void defaultsAreAFourteenDayOrderedFunnel() {
        var spec = (FunnelSpec) parser.parse("{\"kind\":\"funnel\"," + TWO + ",\"from\":\"2026-01-01\",\"channel\":\"web\"}");
        assertThat(spec.window()).isEqualTo(Duration.ofDays(14));
        assertThat(spec.mode()).isEqualTo(FunnelSpec.Mode.ORDERED);
        assertThat(spec.dropOffAt()).isNull();
        assertThat(spec.limit()).isEqualTo(100);
        assertThat(spec.steps()).extracting(FunnelSpec.Step::event).containsExactly("a", "b");
    }

    @Test
    void readsEveryField() {
        var spec = (FunnelSpec) parser.parse("{\"kind\":\"funnel\",\"steps\":[{\"event\":\"a\"},{\"event\":\"b\",\"where\":"
                + "[{\"field\":\"properties.category\",\"value\":\"shoes\"}]}],\"window\":\"2h\",\"mode\":\"strict\","
                + "\"breakdown\":\"channel\",\"dropOffAt\":2,\"limit\":5}");
        assertThat(spec.window()).isEqualTo(Duration.ofHours(2));
        assertThat(spec.mode()).isEqualTo(FunnelSpec.Mode.STRICT);
        assertThat(spec.breakdown()).isEqualTo(FieldPath.CHANNEL);
        assertThat(spec.dropOffAt()).isEqualTo(2);
        assertThat(spec.limit()).isEqualTo(5);
        assertThat(spec.steps().get(1).where()).hasSize(1);
        assertThat(spec.fields()).containsExactlyInAnyOrder(FieldPath.CHANNEL, FieldPath.parse("properties.category", "x"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"kind\":\"funnel\"}|steps",
            "{\"kind\":\"funnel\",\"steps\":{}}|steps",
            "{\"kind\":\"funnel\",\"steps\":[{\"event\":\"a\"}]}|steps",
            "{\"kind\":\"funnel\",\"steps\":[{\"event\":\"a\"},{}]}|steps[1].event",
            "{\"kind\":\"funnel\",\"steps\":[{\"event\":\"a\"},{\"event\":\"\"}]}|steps[1].event",
            "{\"kind\":\"funnel\",\"steps\":[{\"event\":\"a\"},{\"event\":\"b\",\"when\":1}]}|steps[1].when",
            "{\"kind\":\"funnel\",\"steps\":[{\"event\":\"a\"},{\"event\":\"b\",\"where\":[{\"field\":\"x\",\"op\":\"near\",\"value\":1}]}]}|steps[1].where[0].op",
            "{\"kind\":\"funnel\",\"steps\":[{\"event\":\"a\"},{\"event\":\"b\",\"where\":[{\"op\":\"eq\",\"value\":1}]}]}|steps[1].where[0].field",
            "{\"kind\":\"funnel\"," + "\"steps\":[{\"event\":\"a\"},{\"event\":\"b\"}],\"window\":\"7 days\"}|window",
            "{\"kind\":\"funnel\",\"steps\":[{\"event\":\"a\"},{\"event\":\"b\"}],\"window\":\"0d\"}|window",
            "{\"kind\":\"funnel\",\"steps\":[{\"event\":\"a\"},{\"event\":\"b\"}],\"mode\":\"any\"}|mode",
            "{\"kind\":\"funnel\",\"steps\":[{\"event\":\"a\"},{\"event\":\"b\"}],\"breakdown\":\"properties.\"}|breakdown",
            "{\"kind\":\"funnel\",\"steps\":[{\"event\":\"a\"},{\"event\":\"b\"}],\"dropOffAt\":1}|dropOffAt",
            "{\"kind\":\"funnel\",\"steps\":[{\"event\":\"a\"},{\"event\":\"b\"}],\"dropOffAt\":3}|dropOffAt",
            "{\"kind\":\"funnel\",\"steps\":[{\"event\":\"a\"},{\"event\":\"b\"}],\"limit\":10001}|limit",
            "{\"kind\":\"funnel\",\"steps\":[{\"event\":\"a\"},{\"event\":\"b\"}],\"top\":3}|top",
            "{\"kind\":\"funnel\",\"steps\":[{\"event\":\"a\"},{\"event\":\"b\"}],\"to\":\"tomorrow\"}|to"})
    void invalidSpecsNameTheField(String json, String field) {
        assertInvalid(json, field);
    }

    @Test
    void refusesMoreThanTwentySteps() {
        String steps = "{\"event\":\"a\"},".repeat(21);
        assertInvalid("{\"kind\":\"funnel\",\"steps\":[" + steps.substring(0, steps.length() - 1) + "]}", "steps");
    }
}

package io.waymark.core.query;

import static io.waymark.core.query.SpecAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.Channel;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecReaderTest {
    private final QuerySpecParser parser = new QuerySpecParser();

    @Test
    void readsTheCommonScope() {
        var spec = (TrendSpec) parser.parse("""
                {"kind":"trend","event":"purchase","channel":["web","app"],"timezone":"Europe/Berlin",
                 "filters":[{"field":"properties.category","op":"in","value":["shoes",3]},
                            {"field":"context.campaign.source","op":"exists"},
                            {"field":"revenue","op":"gt","value":10}]}""");
        Scope scope = spec.scope();
        assertThat(scope.channels()).isEqualTo(Set.of(Channel.WEB, Channel.APP));
        assertThat(scope.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(scope.filters()).hasSize(3);
        assertThat(scope.filters().get(0).values()).containsExactly("shoes", "3");
        assertThat(scope.filters().get(1).field()).isEqualTo(FieldPath.CAMPAIGN_SOURCE);
        // A bare name is a property, as in Mixpanel and PostHog.
        assertThat(scope.filters().get(2).field()).isEqualTo(new FieldPath(FieldPath.Root.PROPERTIES, List.of("revenue")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"kind\":\"trend\"}|event",
            "{\"kind\":\"trend\",\"event\":\"x\",\"channel\":\"fax\"}|channel",
            "{\"kind\":\"trend\",\"event\":\"x\",\"timezone\":\"Mars/Base\"}|timezone",
            "{\"kind\":\"trend\",\"event\":\"x\",\"interval\":\"hour\"}|interval",
            "{\"kind\":\"trend\",\"event\":\"x\",\"measure\":\"avg:x\"}|measure",
            "{\"kind\":\"trend\",\"event\":\"x\",\"breakdown\":\"context\"}|breakdown",
            "{\"kind\":\"trend\",\"event\":\"x\",\"breakdown\":\"channel.x\"}|breakdown",
            "{\"kind\":\"trend\",\"event\":\"x\",\"top\":0}|top",
            "{\"kind\":\"trend\",\"event\":\"x\",\"filters\":{}}|filters",
            "{\"kind\":\"trend\",\"event\":\"x\",\"filters\":[{\"op\":\"eq\",\"value\":1}]}|filters[0].field",
            "{\"kind\":\"trend\",\"event\":\"x\",\"filters\":[{\"field\":\"a\",\"op\":\"like\",\"value\":1}]}|filters[0].op",
            "{\"kind\":\"trend\",\"event\":\"x\",\"filters\":[{\"field\":\"a\",\"op\":\"gt\",\"value\":\"1\"}]}|filters[0].value",
            "{\"kind\":\"trend\",\"event\":\"x\",\"filters\":[{\"field\":\"a\",\"op\":\"in\",\"value\":[]}]}|filters[0].value",
            "{\"kind\":\"trend\",\"event\":\"x\",\"filters\":[{\"field\":\"a\",\"op\":\"exists\",\"value\":1}]}|filters[0].value",
            "{\"kind\":\"trend\",\"event\":\"x\",\"filters\":[{\"field\":\"a\",\"value\":{}}]}|filters[0].value",
            "{\"kind\":\"trend\",\"event\":\"x\",\"filters\":[{\"field\":\"a..b\",\"value\":1}]}|filters[0].field",
            "{\"kind\":\"trend\",\"event\":\"x\",\"filters\":[{\"field\":\"a\",\"value\":1,\"extra\":1}]}|filters[0].extra"})
    void errorsNameTheField(String json, String field) {
        assertInvalid(json, field);
    }

    @ParameterizedTest
    @CsvSource({"30m,1800", "12h,43200", "7d,604800", "2w,1209600", "90s,90"})
    void durations(String text, long seconds) {
        var r = new SpecReader(io.waymark.core.Json.MAPPER.createObjectNode().put("window", text), "");
        assertThat(r.duration("window", null).getSeconds()).isEqualTo(seconds);
    }

    @ParameterizedTest
    @CsvSource({"0d", "7", "d", "-1h", "1y"})
    void badDurationsNameTheField(String text) {
        var r = new SpecReader(io.waymark.core.Json.MAPPER.createObjectNode().put("window", text), "steps[0]");
        assertThatThrownBy(() -> r.duration("window", null)).isInstanceOfSatisfying(WaymarkException.class,
                e -> assertThat(e.field()).isEqualTo("steps[0].window"));
    }

    @Test
    void filterValuesCompareAsTextOrNumbers() {
        var eq = new Filter(FieldPath.parse("properties.n", "f"), Filter.Op.EQ, List.of("3"), Double.NaN);
        assertThat(eq.test("3")).isTrue();
        assertThat(eq.test("3.0")).isTrue();
        assertThat(eq.test("03x")).isFalse();
        assertThat(eq.test(null)).isFalse();
        var neq = new Filter(FieldPath.parse("properties.n", "f"), Filter.Op.NEQ, List.of("a"), Double.NaN);
        assertThat(neq.test(null)).isTrue();
        var gt = new Filter(FieldPath.parse("properties.n", "f"), Filter.Op.GT, List.of(), 2);
        assertThat(gt.test("2.5")).isTrue();
        assertThat(gt.test("2")).isFalse();
        assertThat(gt.test("abc")).isFalse();
        assertThat(gt.test("NaN")).isFalse();
    }
}

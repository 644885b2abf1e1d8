package io.waymark.core.query;

import static io.waymark.core.query.SpecAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.core.event.Channel;
import io.waymark.core.kernel.DefaultStageRules;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StagesSpecTest {
    private final QuerySpecParser parser = new QuerySpecParser();

    @Test
    void rulesAreOptionalAndScopeFieldsAccepted() {
        var spec = (StagesSpec) parser.parse("{\"kind\":\"stages\",\"from\":\"2026-01-01\",\"channel\":[\"web\"],\"timezone\":\"Europe/Berlin\"}");
        assertThat(spec.rules()).isNull();
        assertThat(spec.scope().channels()).containsExactly(Channel.WEB);
        assertThat(spec.withDefaultRules(DefaultStageRules.get()).rules()).isSameAs(DefaultStageRules.get());
    }

    @Test
    void parsesAStageWithItsOwnConditionAndAlternatives() {
        var spec = (StagesSpec) parser.parse("""
                {"kind":"stages","stages":[
                  {"name":"a","first":true,"or":[{"channels":["ads"]},{"where":[{"field":"context.campaign.medium","op":"eq","value":"cpc"}]}]},
                  {"name":"b","events":["purchase"],"minOccurrence":2}]}""");
        var a = spec.rules().stages().get(0);
        assertThat(a.conditions()).hasSize(3);
        assertThat(a.conditions().get(0).first()).isTrue();
        assertThat(a.conditions().get(1).channels()).isEqualTo(Set.of(Channel.ADS));
        assertThat(spec.rules().stages().get(1).conditions().get(0).minOccurrence()).isEqualTo(2);
        assertThat(spec.fields()).contains(FieldPath.parse("context.campaign.medium", "x"), StagesSpec.SCORE);
    }

    @Test
    void defaultRulesFollowTheClassicJourney() {
        assertThat(DefaultStageRules.get().names())
                .containsExactly("awareness", "consideration", "decision", "purchase", "post-purchase", "loyalty");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"kind\":\"stages\",\"stages\":[]}|stages",
            "{\"kind\":\"stages\",\"stages\":{}}|stages",
            "{\"kind\":\"stages\",\"stage\":[]}|stage",
            "{\"kind\":\"stages\",\"stages\":[{\"events\":[\"a\"]}]}|stages[0].name",
            "{\"kind\":\"stages\",\"stages\":[{\"name\":\"a\",\"events\":[\"a\"]},{\"name\":\"a\",\"events\":[\"b\"]}]}|stages[1].name",
            "{\"kind\":\"stages\",\"stages\":[{\"name\":\"a\",\"events\":[\"a\"]},{\"name\":\"b\",\"events\":[\"b\"]},{\"name\":\"c\",\"events\":\"c\"}]}|stages[2].events",
            "{\"kind\":\"stages\",\"stages\":[{\"name\":\"a\",\"events\":[]}]}|stages[0].events",
            "{\"kind\":\"stages\",\"stages\":[{\"name\":\"a\",\"events\":[\"x\",3]}]}|stages[0].events[1]",
            "{\"kind\":\"stages\",\"stages\":[{\"name\":\"a\"}]}|stages[0].events",
            "{\"kind\":\"stages\",\"stages\":[{\"name\":\"a\",\"evnts\":[\"x\"]}]}|stages[0].evnts",
            "{\"kind\":\"stages\",\"stages\":[{\"name\":\"a\",\"channels\":[\"tv\"]}]}|stages[0].channels[0]",
            "{\"kind\":\"stages\",\"stages\":[{\"name\":\"a\",\"where\":[{\"field\":\"properties.x\",\"op\":\"like\",\"value\":1}]}]}|stages[0].where[0].op",
            "{\"kind\":\"stages\",\"stages\":[{\"name\":\"a\",\"events\":[\"x\"],\"minOccurrence\":0}]}|stages[0].minOccurrence",
            "{\"kind\":\"stages\",\"stages\":[{\"name\":\"a\",\"first\":\"yes\"}]}|stages[0].first",
            "{\"kind\":\"stages\",\"stages\":[{\"name\":\"a\",\"first\":false}]}|stages[0].first",
            "{\"kind\":\"stages\",\"stages\":[{\"name\":\"a\",\"or\":[{}]}]}|stages[0].or[0].events",
            "{\"kind\":\"stages\",\"stages\":[{\"name\":\"a\",\"or\":[{\"name\":\"b\",\"events\":[\"x\"]}]}]}|stages[0].or[0].name"})
    void invalidRulesNameTheField(String json, String field) {
        assertInvalid(json, field);
    }
}

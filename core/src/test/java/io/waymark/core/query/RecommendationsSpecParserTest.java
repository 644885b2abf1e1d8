package io.waymark.core.query;

import static io.waymark.core.query.SpecAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecommendationsSpecParserTest {
    private final QuerySpecParser parser = new QuerySpecParser();

    @Test
    void defaults() {
        var spec = (RecommendationsSpec) parser.parse("{\"kind\":\"recommendations\",\"userId\":\"u1\"}");
        assertThat(spec).isEqualTo(new RecommendationsSpec(ProfileSpec.Lookup.USER_ID, "u1", 10, null, true));
        assertThat(spec.kind()).isEqualTo("recommendations");
    }

    @Test
    void everyField() {
        var spec = (RecommendationsSpec) parser.parse("""
                {"kind":"recommendations","anonymousId":"a1","n":3,"segment":"vips","excludePurchased":false}""");
        assertThat(spec.by()).isEqualTo(ProfileSpec.Lookup.ANONYMOUS_ID);
        assertThat(spec.id()).isEqualTo("a1");
        assertThat(spec.n()).isEqualTo(3);
        assertThat(spec.segment().id()).isEqualTo("vips");
        assertThat(spec.excludePurchased()).isFalse();
        var inline = (RecommendationsSpec) parser.parse("""
                {"kind":"recommendations","personId":"p1","segment":{"trait":"plan","op":"eq","value":"pro"}}""");
        assertThat(inline.by()).isEqualTo(ProfileSpec.Lookup.PERSON_ID);
        assertThat(inline.segment().rules()).isNotNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"kind\":\"recommendations\"}|userId",
        "{\"kind\":\"recommendations\",\"userId\":\"\"}|userId",
        "{\"kind\":\"recommendations\",\"userId\":7}|userId",
        "{\"kind\":\"recommendations\",\"userId\":\"u\",\"anonymousId\":\"a\"}|anonymousId",
        "{\"kind\":\"recommendations\",\"userId\":\"u\",\"n\":0}|n",
        "{\"kind\":\"recommendations\",\"userId\":\"u\",\"n\":101}|n",
        "{\"kind\":\"recommendations\",\"userId\":\"u\",\"n\":\"ten\"}|n",
        "{\"kind\":\"recommendations\",\"userId\":\"u\",\"segment\":\"Bad Id\"}|segment",
        "{\"kind\":\"recommendations\",\"userId\":\"u\",\"excludePurchased\":\"yes\"}|excludePurchased",
        "{\"kind\":\"recommendations\",\"userId\":\"u\",\"from\":\"2026-01-01\"}|from",
    })
    void errorsNameTheField(String json, String field) {
        assertInvalid(json, field);
    }
}

package io.waymark.core.query;

import static io.waymark.core.query.SpecAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonasSpecTest {
    private final QuerySpecParser parser = new QuerySpecParser();

    @Test
    void defaultsToAutoKAndEveryFeatureGroup() {
        var spec = (PersonasSpec) parser.parse("{\"kind\":\"personas\"}");
        assertThat(spec.autoK()).isTrue();
        assertThat(spec.k()).isNull();
        assertThat(spec.features()).isEqualTo(EnumSet.allOf(PersonasSpec.Group.class));
        assertThat(spec.fields()).contains(PersonasSpec.DEVICE_TYPE, PersonasSpec.CATEGORY, PersonasSpec.COUPON, FieldPath.CAMPAIGN_SOURCE);
        assertThat(((PersonasSpec) parser.parse("{\"kind\":\"personas\",\"k\":\"auto\"}")).autoK()).isTrue();
    }

    @Test
    void readsKFeaturesAndScope() {
        var spec = (PersonasSpec) parser.parse("{\"kind\":\"personas\",\"k\":4,\"features\":[\"devices\",\"rfm\",\"devices\"],"
                + "\"from\":\"2026-01-01\",\"channel\":\"web\",\"timezone\":\"Europe/Berlin\"}");
        assertThat(spec.k()).isEqualTo(4);
        assertThat(spec.autoK()).isFalse();
        assertThat(spec.features()).containsExactly(PersonasSpec.Group.DEVICES, PersonasSpec.Group.RFM);
        assertThat(spec.scope().timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(spec.scope().channels()).hasSize(1);
        assertThat(spec.kind()).isEqualTo("personas");
        assertThat(QuerySpecParser.KINDS).contains("personas");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"kind\":\"personas\",\"k\":1}|k",
        "{\"kind\":\"personas\",\"k\":21}|k",
        "{\"kind\":\"personas\",\"k\":\"5\"}|k",
        "{\"kind\":\"personas\",\"k\":\"many\"}|k",
        "{\"kind\":\"personas\",\"k\":2.5}|k",
        "{\"kind\":\"personas\",\"features\":[]}|features",
        "{\"kind\":\"personas\",\"features\":\"rfm\"}|features",
        "{\"kind\":\"personas\",\"features\":[\"rfm\",\"weather\"]}|features[1]",
        "{\"kind\":\"personas\",\"features\":[\"rfm\",3]}|features[1]",
        "{\"kind\":\"personas\",\"features\":[\"RFM\"]}|features[0]",
        "{\"kind\":\"personas\",\"segments\":true}|segments",
        "{\"kind\":\"personas\",\"timezone\":\"Mars/Olympus\"}|timezone",
    })
    void invalidSpecsNameTheField(String json, String field) {
        assertInvalid(json, field);
    }
}

package io.waymark.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waymark.core.Json;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssignmentTest {
    /** Vectors of the FNV reference test suite (test_fnv.c by Landon Curt Noll, public domain). */
    @ParameterizedTest
    @CsvSource({"'', 811c9dc5", "a, e40c292c", "b, e70c2de5", "foo, a9f37ed7", "foobar, bf9cf968"})
    void fnv1aMatchesTheReferenceSuite(String input, String hex) {
        assertThat(Integer.toHexString(Assignment.fnv1a32(input))).isEqualTo(hex);
    }

    private static Experiment experiment(String json) throws Exception {
        return Experiment.parse(Json.MAPPER.readTree(json));
    }

    @Test
    void variantsFollowTheWeightsAndStayPut() throws Exception {
        Experiment e = experiment("""
                {"key":"checkout","variants":[{"key":"control","weight":1},{"key":"fast","weight":3}],"metric":{"type":"conversion","event":"purchase"}}""");
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 40_000; i++) {
            String unit = "user-" + i;
            Variant v = Assignment.variant(e, unit);
            counts.merge(v.key(), 1, Integer::sum);
            assertThat(Assignment.variant(e, unit)).isEqualTo(v);
        }
        // binomial(40000, 0.25): sd = 87, so ±450 is more than 5 sd
        assertThat(counts.get("control")).isCloseTo(10_000, within(450));
        assertThat(counts.get("fast")).isCloseTo(30_000, within(450));
    }

    @Test
    void lowerTrafficDropsUnitsWithoutMovingTheOthers() throws Exception {
        Experiment all = experiment("""
                {"key":"k","variants":[{"key":"a"},{"key":"b"}],"metric":{"type":"conversion","event":"purchase"}}""");
        Experiment some = experiment("""
                {"key":"k","traffic":0.3,"variants":[{"key":"a"},{"key":"b"}],"metric":{"type":"conversion","event":"purchase"}}""");
        int in = 0;
        for (int i = 0; i < 20_000; i++) {
            Variant v = Assignment.variant(some, "u" + i);
            if (v != null) {
                in++;
                assertThat(v).isEqualTo(Assignment.variant(all, "u" + i));
            }
        }
        assertThat(in).isCloseTo(6_000, within(400));
    }

    @Test
    void experimentsAreIndependent() throws Exception {
        Experiment one = experiment("{\"key\":\"one\",\"variants\":[{\"key\":\"a\"},{\"key\":\"b\"}],\"metric\":{\"type\":\"count\",\"event\":\"x\"}}");
        Experiment two = experiment("{\"key\":\"two\",\"variants\":[{\"key\":\"a\"},{\"key\":\"b\"}],\"metric\":{\"type\":\"count\",\"event\":\"x\"}}");
        int same = 0;
        for (int i = 0; i < 20_000; i++) {
            same += Assignment.variant(one, "u" + i).equals(Assignment.variant(two, "u" + i)) ? 1 : 0;
        }
        assertThat(same).isCloseTo(10_000, within(500));
    }
}

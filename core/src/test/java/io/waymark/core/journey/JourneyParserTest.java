package io.waymark.core.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.core.Json;
import io.waymark.core.error.WaymarkException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JourneyParserTest {
    private static final String TRIGGER = "\"trigger\":{\"type\":\"event\",\"event\":\"add_to_cart\"}";

    private static Journey parse(String json) throws Exception {
        return JourneyParser.parse(Json.MAPPER.readTree(json));
    }

    private static String withSteps(String steps) {
        return "{\"key\":\"j\"," + TRIGGER + ",\"steps\":[" + steps + "]}";
    }

    @Test
    void readsEveryStepTypeTriggerExitGoalAndPolicies() throws Exception {
        Journey j = parse("""
                {"key":"all","name":"All steps","trigger":{"type":"event","event":"add_to_cart",
                   "where":[{"field":"properties.price","op":"gt","value":10}]},
                 "steps":[
                   {"id":"w","type":"wait","duration":"1h","next":"we"},
                   {"id":"we","type":"wait_for_event","event":"purchase","timeout":"2d","next":"b","timeoutNext":"s"},
                   {"id":"b","type":"branch","condition":{"trait":"vip","op":"eq","value":true},"then":"send","else":"s"},
                   {"id":"s","type":"split","experiment":"holdout","arms":[{"key":"off","weight":1,"next":"x"},{"key":"on","weight":3,"next":"send"}]},
                   {"id":"send","type":"send","channel":"in_app","marketing":false,"settings":{"title":"t","body":"b"},"next":"t"},
                   {"id":"t","type":"update_trait","traits":{"nudged":true},"next":"x"},
                   {"id":"x","type":"exit"}],
                 "exit":{"event":"purchase"},"goal":{"event":"purchase","within":"3d"},"reentry":"never",
                 "frequencyCap":{"max":2,"per":"1d"}}""");
        assertThat(j.steps()).extracting(Step::getClass).containsExactly(Step.Wait.class, Step.WaitForEvent.class, Step.Branch.class,
                Step.Split.class, Step.Send.class, Step.UpdateTrait.class, Step.Exit.class);
        assertThat(j.start()).isEqualTo("w");
        assertThat(((Step.Wait) j.step("w")).duration()).isEqualTo(Duration.ofHours(1));
        assertThat(((Step.Send) j.step("send")).marketing()).isFalse();
        assertThat(j.reentry()).isEqualTo(Journey.ReEntry.NEVER);
        assertThat(j.frequencyCap()).isEqualTo(new Journey.FrequencyCap(2, Duration.ofDays(1)));
        assertThat(j.goal().within()).isEqualTo(Duration.ofDays(3));
        Trigger.OnEvent on = (Trigger.OnEvent) j.trigger();
        assertThat(on.match().matches("add_to_cart", Json.MAPPER.readTree("{\"price\":12}"))).isTrue();
        assertThat(on.match().matches("add_to_cart", Json.MAPPER.readTree("{\"price\":8}"))).isFalse();
        assertThat(on.match().matches("purchase", Json.MAPPER.readTree("{\"price\":12}"))).isFalse();
    }

    @Test
    void readsSegmentAndDateTriggers() throws Exception {
        String steps = "\"steps\":[{\"id\":\"x\",\"type\":\"exit\"}]";
        var seg = (Trigger.OnSegment) parse("{\"key\":\"a\",\"trigger\":{\"type\":\"segment\",\"segment\":\"at_risk\",\"on\":\"exited\"}," + steps + "}").trigger();
        assertThat(seg).isEqualTo(new Trigger.OnSegment("at_risk", false));
        var after = (Trigger.AfterEvent) parse("{\"key\":\"a\",\"trigger\":{\"type\":\"after_event\",\"event\":\"purchase\",\"delay\":\"30d\"}," + steps + "}").trigger();
        assertThat(after.delay()).isEqualTo(Duration.ofDays(30));
        var personal = (Trigger.AfterEvent) parse("{\"key\":\"a\",\"trigger\":{\"type\":\"after_event\",\"event\":\"purchase\",\"delay\":\"personal\",\"lead\":\"3d\"}," + steps + "}").trigger();
        assertThat(personal.personal()).isTrue();
        assertThat(personal.minEvents()).isEqualTo(3);
        assertThat(personal.lead()).isEqualTo(Duration.ofDays(3));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // what is wrong | the field named
            "{\"id\":\"a\",\"type\":\"wait\",\"duration\":\"1h\",\"next\":\"nowhere\"}|steps[0]",
            "{\"id\":\"a\",\"type\":\"wait\",\"duration\":\"1h\"},{\"id\":\"b\",\"type\":\"exit\"}|steps[1].id",
            "{\"id\":\"a\",\"type\":\"branch\",\"condition\":{\"trait\":\"x\",\"op\":\"exists\"},\"then\":\"b\"},{\"id\":\"b\",\"type\":\"update_trait\",\"traits\":{\"y\":1},\"next\":\"a\"}|steps[0].id",
            "{\"id\":\"a\",\"type\":\"send\",\"channel\":\"email\",\"settings\":{}}|steps[0].settings.subject",
            "{\"id\":\"a\",\"type\":\"send\",\"channel\":\"webhook\"}|steps[0].settings",
            "{\"id\":\"a\",\"type\":\"wait\"}|steps[0].duration",
            "{\"id\":\"a\",\"type\":\"teleport\"}|steps[0].type",
            "{\"id\":\"a\",\"type\":\"exit\"},{\"id\":\"a\",\"type\":\"exit\"}|steps[1].id",
            "{\"id\":\"a\",\"type\":\"split\",\"arms\":[{\"key\":\"x\",\"weight\":0}]}|steps[0].arms[0].weight",
            "{\"id\":\"a\",\"type\":\"split\",\"arms\":[{\"key\":\"x\"}]}|steps[0].arms",
            "{\"id\":\"a\",\"type\":\"branch\",\"condition\":{\"trait\":\"x\",\"op\":\"nope\"}}|steps[0].condition.op",
            "{\"id\":\"a\",\"type\":\"wait_for_event\",\"event\":\"p\",\"timeout\":\"1h\",\"where\":[{\"field\":\"context.ip\",\"value\":\"1\"}]}|steps[0].where[0].field",
    })
    void refusesInvalidGraphsAndStepsNamingTheField(String steps, String field) {
        assertThatThrownBy(() -> parse(withSteps(steps)))
                .isInstanceOfSatisfying(WaymarkException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void refusesBadTopLevelFields() {
        String step = "\"steps\":[{\"id\":\"x\",\"type\":\"exit\"}]";
        for (String[] c : List.of(
                new String[] {"{\"key\":\"Bad Key\"," + TRIGGER + "," + step + "}", "key"},
                new String[] {"{\"key\":\"k\"," + step + "}", "trigger"},
                new String[] {"{\"key\":\"k\",\"trigger\":{\"type\":\"after_event\",\"event\":\"p\"}," + step + "}", "trigger.delay"},
                new String[] {"{\"key\":\"k\"," + TRIGGER + ",\"steps\":[]}", "steps"},
                new String[] {"{\"key\":\"k\"," + TRIGGER + "," + step + ",\"start\":\"y\"}", "start"},
                new String[] {"{\"key\":\"k\"," + TRIGGER + "," + step + ",\"reentry\":\"sometimes\"}", "reentry"},
                new String[] {"{\"key\":\"k\"," + TRIGGER + "," + step + ",\"extra\":1}", "extra"})) {
            assertThatThrownBy(() -> parse(c[0])).as(c[0])
                    .isInstanceOfSatisfying(WaymarkException.class, e -> assertThat(e.field()).isEqualTo(c[1]));
        }
    }

    @Test
    void aLoopThroughAWaitIsAllowed() throws Exception {
        Journey j = parse(withSteps("{\"id\":\"a\",\"type\":\"wait\",\"duration\":\"1d\",\"next\":\"b\"},"
                + "{\"id\":\"b\",\"type\":\"update_trait\",\"traits\":{\"n\":1},\"next\":\"a\"}"));
        assertThat(j.steps()).hasSize(2);
    }

    @Test
    void splitsAreDeterministicPerPersonAndFollowTheWeights() throws Exception {
        Journey j = parse(withSteps("{\"id\":\"s\",\"type\":\"split\",\"arms\":[{\"key\":\"a\",\"weight\":1,\"next\":\"x\"},"
                + "{\"key\":\"b\",\"weight\":3,\"next\":\"x\"}]},{\"id\":\"x\",\"type\":\"exit\"}"));
        Step.Split split = (Step.Split) j.step("s");
        int b = 0;
        for (int i = 0; i < 4000; i++) {
            String arm = SplitAssignment.arm("j", split, "p" + i).key();
            // the person's bucket (GrowthBook's hash, seeded by journey and step) falls in a's quarter or b's three
            double bucket = io.waymark.core.experiment.Assignment.bucket("j/s", "p" + i);
            assertThat(arm).as("p" + i + " at " + bucket).isEqualTo(bucket < 0.25 ? "a" : "b");
            b += arm.equals("b") ? 1 : 0;
        }
        assertThat(b).isBetween(2850, 3150);
    }

    @Test
    void theRepurchaseIntervalIsTheMedianGap() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(RepurchaseInterval.median(List.of(t))).isNull();
        // gaps 10, 30, 12 days (given out of order): median 12 days
        assertThat(RepurchaseInterval.median(List.of(t.plus(Duration.ofDays(40)), t, t.plus(Duration.ofDays(10)), t.plus(Duration.ofDays(52)))))
                .isEqualTo(Duration.ofDays(12));
        assertThat(RepurchaseInterval.median(List.of(t, t.plus(Duration.ofDays(10)), t.plus(Duration.ofDays(30))))).isEqualTo(Duration.ofDays(15));
    }
}

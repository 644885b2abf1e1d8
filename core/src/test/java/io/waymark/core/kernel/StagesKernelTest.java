package io.waymark.core.kernel;

import static io.waymark.core.kernel.Journeys.d;
import static io.waymark.core.kernel.Journeys.h;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.waymark.core.event.Channel;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.core.query.StagesSpec;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StagesKernelTest {
    private static final String DEFAULTS = "{\"kind\":\"stages\"}";

    private static StagesResult run(Journeys j, String spec) {
        return (StagesResult) Analyses.run((StagesSpec) new QuerySpecParser().parse(spec), j.columns()).result();
    }

    private static StagesResult.Stage stage(StagesResult r, String name) {
        return r.stages().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void walksTheDefaultJourneyInOrder() {
        var j = new Journeys();
        j.person("p1").at(h(0), "$page").at(h(1), "product_view").at(h(2), "add_to_cart").at(h(3), "purchase")
                .at(h(51), "delivery").at(h(243), "purchase");
        StagesResult r = run(j, DEFAULTS);
        assertThat(r.persons()).isEqualTo(1);
        assertThat(r.stages()).extracting(StagesResult.Stage::name, StagesResult.Stage::persons, StagesResult.Stage::current)
                .containsExactly(tuple("awareness", 1L, 0L), tuple("consideration", 1L, 0L), tuple("decision", 1L, 0L),
                        tuple("purchase", 1L, 0L), tuple("post-purchase", 1L, 0L), tuple("loyalty", 1L, 1L));
        assertThat(stage(r, "purchase").medianDaysInStage()).isEqualTo(2.0);
        assertThat(stage(r, "post-purchase").medianDaysInStage()).isEqualTo(8.0);
        assertThat(stage(r, "loyalty").medianDaysInStage()).isNull();
        assertThat(stage(r, "loyalty").conversionToNext()).isNull();
        assertThat(r.transitions()).hasSize(5);
    }

    @Test
    void journeysOnlyMoveForwardButRevisitsCountAsTouchpoints() {
        var j = new Journeys();
        j.person("p1").at(h(0), "search").at(d(1), "purchase").at(d(2), "product_view").channel(Channel.EMAIL).at(d(3), "email_open");
        StagesResult r = run(j, DEFAULTS);
        // The first event is a first touch and a search: it passes through awareness into consideration.
        assertThat(r.transitions()).extracting(StagesResult.Transition::from, StagesResult.Transition::to)
                .containsExactly(tuple("awareness", "consideration"), tuple("consideration", "purchase"));
        assertThat(stage(r, "awareness").medianDaysInStage()).isEqualTo(0.0);
        assertThat(stage(r, "purchase").current()).isEqualTo(1);
        assertThat(stage(r, "consideration").touchpoints().events()).isEqualTo(2);
        // An event matching no rule counts in the stage the person stands in.
        assertThat(stage(r, "purchase").touchpoints().byChannel()).containsEntry("email", 1L).containsEntry("web", 1L);
        assertThat(stage(r, "awareness").touchpoints().events()).isZero();
    }

    @Test
    void aSkippedStageIsNotReachedAndConversionCountsOnlyTheNextStage() {
        var j = new Journeys();
        j.person("p1").at(h(0), "$page").at(h(1), "product_view").at(h(2), "purchase");
        j.person("p2").at(h(0), "$page").at(h(1), "product_view").at(h(2), "add_to_cart");
        StagesResult r = run(j, DEFAULTS);
        assertThat(stage(r, "decision").persons()).isEqualTo(1);
        assertThat(stage(r, "purchase").persons()).isEqualTo(1);
        assertThat(stage(r, "consideration").conversionToNext()).isEqualTo(0.5);
        assertThat(stage(r, "decision").conversionToNext()).isEqualTo(0.0);
        assertThat(r.transitions()).extracting(StagesResult.Transition::from, StagesResult.Transition::to, StagesResult.Transition::persons)
                .contains(tuple("consideration", "purchase", 1L), tuple("consideration", "decision", 1L));
    }

    @Test
    void aPurchaseInAnAdSessionIsAPurchaseAndTheSecondPurchaseIsLoyalty() {
        var j = new Journeys();
        j.person("p1").channel(Channel.ADS).at(h(0), "$page").at(h(1), "purchase")
                .channel(Channel.SOCIAL).at(d(2), "$page").channel(Channel.WEB).at(d(3), "purchase");
        StagesResult r = run(j, DEFAULTS);
        assertThat(r.transitions()).extracting(StagesResult.Transition::from, StagesResult.Transition::to)
                .containsExactly(tuple("awareness", "purchase"), tuple("purchase", "loyalty"));
        assertThat(stage(r, "awareness").touchpoints().byChannel()).containsExactly(
                java.util.Map.entry("ads", 1L), java.util.Map.entry("social", 1L));
    }

    @Test
    void emotionNormalisesNpsAndCsatAndIgnoresOtherAnswers() {
        var j = new Journeys();
        j.person("p1").at(h(0), "purchase").channel(Channel.SURVEY)
                .at(d(1), "survey_response", "survey", "nps", "score", 10)
                .at(d(2), "survey_response", "survey", "csat", "score", 2)
                .at(d(3), "survey_response", "survey", "csat", "score", 9)
                .at(d(4), "survey_response", "survey", "ces", "score", 3)
                .at(d(5), "survey_response", "survey", "nps", "score", "n/a");
        StagesResult r = run(j, DEFAULTS);
        var emotion = stage(r, "purchase").emotion();
        assertThat(emotion.samples()).isEqualTo(2);
        assertThat(emotion.score()).isEqualTo((1.0 + -0.5) / 2);
        assertThat(stage(r, "awareness").emotion()).isEqualTo(new StagesResult.Emotion(null, 0, null, 0, null, 0));
    }

    @Test
    void customRulesWithChannelsWhereAndMinOccurrence() {
        var j = new Journeys();
        j.person("p1").at(h(0), "$page").channel(Channel.STORE).at(h(1), "purchase", "revenue", 10).at(h(2), "purchase", "revenue", 200)
                .channel(Channel.WEB).at(h(3), "purchase", "revenue", 300).channel(Channel.STORE).at(h(4), "purchase", "revenue", 300);
        String spec = """
                {"kind":"stages","stages":[
                  {"name":"visitor","events":["$page"]},
                  {"name":"store buyer","channels":["store"],"events":["purchase"]},
                  {"name":"big spender","events":["purchase"],"where":[{"field":"properties.revenue","op":"gte","value":100}],"minOccurrence":2}]}""";
        StagesResult r = run(j, spec);
        assertThat(r.stages()).extracting(StagesResult.Stage::name).containsExactly("visitor", "store buyer", "big spender");
        assertThat(r.transitions()).extracting(StagesResult.Transition::from, StagesResult.Transition::to)
                .containsExactly(tuple("visitor", "store buyer"), tuple("store buyer", "big spender"));
        // The second purchase of 100 or more is the web purchase at 3h.
        assertThat(stage(r, "store buyer").medianDaysInStage()).isEqualTo(2.0 / 24);
    }

    @Test
    void emptyInputGivesEveryStageWithZeros() {
        StagesResult r = run(new Journeys(), DEFAULTS);
        assertThat(r.persons()).isZero();
        assertThat(r.transitions()).isEmpty();
        assertThat(r.stages()).hasSize(6).allSatisfy(s -> {
            assertThat(s.persons()).isZero();
            assertThat(s.conversionToNext()).isNull();
            assertThat(s.medianDaysInStage()).isNull();
            assertThat(s.touchpoints().events()).isZero();
        });
    }

    @Test
    void resultsDoNotDependOnPartitioning() {
        var j = new Journeys();
        var rnd = new SplittableRandom(7);
        List<String> keys = List.of("$page", "product_view", "search", "add_to_cart", "purchase", "delivery", "referral",
                "email_open", "survey_response");
        for (int p = 0; p < 300; p++) {
            j.person("p" + p);
            for (int e = 0, n = 1 + rnd.nextInt(12); e < n; e++) {
                String key = keys.get(rnd.nextInt(keys.size()));
                Duration at = h(e * 7 + rnd.nextInt(7));
                j.channel(Channel.values()[rnd.nextInt(Channel.values().length)])
                        .at(at, key, "survey", rnd.nextBoolean() ? "nps" : "csat", "score", rnd.nextInt(11));
            }
        }
        EventColumns columns = j.columns();
        var kernel = new StagesKernel((StagesSpec) new QuerySpecParser().parse(DEFAULTS), columns);
        var view = new PersonEvents(columns);
        StagesKernel.Acc whole = kernel.newAccumulator();
        StagesKernel.Acc merged = kernel.newAccumulator();
        for (int p = 0; p < columns.persons(); p++) {
            view.reset(p);
            for (int row = columns.personStart(p); row < columns.personEnd(p); row++) {
                view.add(row);
            }
            kernel.person(whole, view);
            StagesKernel.Acc one = kernel.newAccumulator();
            kernel.person(one, view);
            kernel.merge(merged, one);
        }
        assertThat(kernel.finish(merged)).isEqualTo(kernel.finish(whole));
        assertThat(kernel.finish(whole)).isEqualTo(run(j, DEFAULTS));
    }
}

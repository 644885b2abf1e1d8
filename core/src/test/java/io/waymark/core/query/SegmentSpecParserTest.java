package io.waymark.core.query;

import static io.waymark.core.query.SpecAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentSpecParserTest {
    private final QuerySpecParser parser = new QuerySpecParser();

    @Test
    void readsEveryRuleShape() {
        SegmentSpec spec = (SegmentSpec) parser.parse("""
                {"kind":"segment","asOf":"2026-03-10","timezone":"Europe/Berlin","sample":5,"rules":{"all":[
                  {"trait":"plan","op":"in","value":["pro","team"]},
                  {"not":{"fact":"churn_risk","op":"gte","value":0.7}},
                  {"any":[{"event":"add_to_cart","within":"7d","count":{"gte":2,"lt":5}},
                          {"event":"purchase","sum":"revenue","total":{"gt":100},"since":"add_to_cart"}]},
                  {"funnel":{"steps":[{"event":"product_view"},{"event":"purchase"}],"window":"1d"},"droppedAt":2},
                  {"fact":"first_seen","op":"lt","value":"2026-01-01"}]}}""");
        assertThat(spec.sample()).isEqualTo(5);
        assertThat(spec.asOf()).isEqualTo(Instant.parse("2026-03-09T23:00:00Z"));
        var all = (SegmentRule.All) spec.segment().rules();
        assertThat(all.rules()).hasSize(5);
        var trait = (SegmentRule.Trait) all.rules().get(0);
        assertThat(trait.condition().field().toString()).isEqualTo("traits.plan");
        assertThat(trait.condition().values()).containsExactly("pro", "team");
        var any = (SegmentRule.Any) all.rules().get(2);
        var cart = (SegmentRule.Behavior) any.rules().get(0);
        assertThat(cart.window().within()).isEqualTo(Duration.ofDays(7));
        assertThat(cart.bounds().test(1)).isFalse();
        assertThat(cart.bounds().test(2)).isTrue();
        assertThat(cart.bounds().test(5)).isFalse();
        var spent = (SegmentRule.Behavior) any.rules().get(1);
        assertThat(spent.sum().toString()).isEqualTo("properties.revenue");
        assertThat(spent.window().since()).isEqualTo("add_to_cart");
        var funnel = (SegmentRule.FunnelDropOff) all.rules().get(3);
        assertThat(funnel.droppedAt()).isEqualTo(2);
        assertThat(funnel.funnelWindow()).isEqualTo(Duration.ofDays(1));
        var firstSeen = (SegmentRule.Fact) all.rules().get(4);
        // a date-only value is local midnight in the spec's time zone
        assertThat(firstSeen.number()).isEqualTo(Instant.parse("2025-12-31T23:00:00Z").getEpochSecond() * 1e6);
    }

    @Test
    void aSavedSegmentIsReferencedByIdInAnyKind() {
        FunnelSpec f = (FunnelSpec) parser.parse("""
                {"kind":"funnel","steps":[{"event":"a"},{"event":"b"}],"segment":"cart_abandoners"}""");
        assertThat(f.scope().segment().id()).isEqualTo("cart_abandoners");
        TrendSpec t = (TrendSpec) parser.parse("""
                {"kind":"trend","event":"a","segment":{"event":"purchase"}}""");
        assertThat(t.scope().segment().rules()).isInstanceOf(SegmentRule.Behavior.class);
        assertThat(((SegmentRule.Behavior) t.scope().segment().rules()).bounds()).isEqualTo(SegmentRule.Bounds.AT_LEAST_ONE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'kind':'segment'} | rules",
            "{'kind':'segment','rules':{},'segment':'x'} | rules",
            "{'kind':'segment','segment':'Bad Id'} | segment",
            "{'kind':'segment','rules':{}} | rules",
            "{'kind':'segment','rules':{'all':[]}} | rules.all",
            "{'kind':'segment','rules':{'all':[{'event':'a'},{'oops':1}]}} | rules.all[1]",
            "{'kind':'segment','rules':{'event':'a','trait':'b'}} | rules.trait",
            "{'kind':'segment','rules':{'not':{'event':'a','count':{'gte':'1'}}}} | rules.not.count.gte",
            "{'kind':'segment','rules':{'event':'a','count':{}}} | rules.count.gte",
            "{'kind':'segment','rules':{'event':'a','count':{'eq':1,'lt':3}}} | rules.count.eq",
            "{'kind':'segment','rules':{'event':'a','total':{'gte':1}}} | rules.total",
            "{'kind':'segment','rules':{'event':'a','sum':'revenue'}} | rules.total",
            "{'kind':'segment','rules':{'event':'a','within':'soon'}} | rules.within",
            "{'kind':'segment','rules':{'event':'a','from':'2026-03-02','to':'2026-03-01'}} | rules.to",
            "{'kind':'segment','rules':{'event':'a','where':[{'field':'x','op':'gt','value':'a'}]}} | rules.where[0].value",
            "{'kind':'segment','rules':{'fact':'mood'}} | rules.fact",
            "{'kind':'segment','rules':{'fact':'orders','op':'gt','value':'many'}} | rules.value",
            "{'kind':'segment','rules':{'fact':'orders','op':'contains','value':1}} | rules.op",
            "{'kind':'segment','rules':{'fact':'first_seen','op':'eq','value':'2026-01-01'}} | rules.op",
            "{'kind':'segment','rules':{'fact':'first_seen','op':'lt','value':'yesterday'}} | rules.value",
            "{'kind':'segment','rules':{'fact':'rfm_group','op':'gt','value':'x'}} | rules.op",
            "{'kind':'segment','rules':{'fact':'orders','op':'exists','value':1}} | rules.value",
            "{'kind':'segment','rules':{'trait':'plan','op':'in','value':[]}} | rules.value",
            "{'kind':'segment','rules':{'funnel':{'steps':[{'event':'a'},{'event':'b'}]}}} | rules.droppedAt",
            "{'kind':'segment','rules':{'funnel':{'steps':[{'event':'a'},{'event':'b'}]},'droppedAt':3}} | rules.droppedAt",
            "{'kind':'segment','rules':{'funnel':{'steps':[{'event':'a'},{'event':'b'}],'channel':'web'},'droppedAt':2}} | rules.funnel.channel",
            "{'kind':'segment','rules':{'event':'a'},'sample':1001} | sample",
            "{'kind':'segment','rules':{'persona':{'k':2}}} | rules.is",
            "{'kind':'segment','rules':{'not':null}} | rules.not",
            "{'kind':'segment','rules':{'funnel':null,'droppedAt':2}} | rules.funnel",
            "{'kind':'segment','rules':{'persona':null,'is':0}} | rules.persona",
            "{'kind':'segment','rules':{'persona':{'k':2,'segment':'x'},'is':0}} | rules.persona.segment",
            "{'kind':'segment','rules':{'persona':{'k':2},'is':2}} | rules.is",
            "{'kind':'segment','rules':{'persona':{'k':1},'is':0}} | rules.persona.k",
            "{'kind':'funnel','steps':[{'event':'a'},{'event':'b'}],'segment':42} | segment",
            "{'kind':'funnel','steps':[{'event':'a'},{'event':'b'}],'segment':{'any':[{'event':'a','count':{'lte':null,'gt':true}}]}} | segment.any[0].count.gt"})
    void errorsNameTheField(String json, String field) {
        assertInvalid(json.replace('\'', '"'), field);
    }

    @Test
    void everyNamedBoundHoldsSoTheTighterOneWins() {
        var spec = (SegmentSpec) parser.parse("{\"kind\":\"segment\",\"rules\":{\"event\":\"a\",\"count\":{\"gt\":5,\"gte\":2,\"lt\":9,\"lte\":20}}}");
        SegmentRule.Bounds b = ((SegmentRule.Behavior) spec.segment().rules()).bounds();
        assertThat(b.test(3)).isFalse();
        assertThat(b.test(5)).isFalse();
        assertThat(b.test(6)).isTrue();
        assertThat(b.test(9)).isFalse();
        var equal = (SegmentSpec) parser.parse("{\"kind\":\"segment\",\"rules\":{\"event\":\"a\",\"count\":{\"gte\":2,\"gt\":2}}}");
        assertThat(((SegmentRule.Behavior) equal.segment().rules()).bounds().test(2)).isFalse();
    }

    @Test
    void deepOrHugeRulesAreRefused() {
        String deep = "{'event':'a'}";
        for (int i = 0; i < SegmentRuleParser.MAX_DEPTH; i++) {
            deep = "{'not':" + deep + "}";
        }
        assertInvalid(("{'kind':'segment','rules':" + deep + "}").replace('\'', '"'), "rules" + ".not".repeat(SegmentRuleParser.MAX_DEPTH));
        StringBuilder many = new StringBuilder("{'kind':'segment','rules':{'any':[");
        for (int i = 0; i <= SegmentRuleParser.MAX_CONDITIONS; i++) {
            many.append(i == 0 ? "" : ",").append("{'event':'e").append(i).append("'}");
        }
        assertInvalid(many.append("]}}").toString().replace('\'', '"'), "rules.any[" + SegmentRuleParser.MAX_CONDITIONS + "].event");
    }
}

package io.waymark.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.core.Json;
import io.waymark.core.error.WaymarkException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExperimentParserTest {
    @Test
    void readsAFullDefinition() throws Exception {
        Experiment e = Experiment.parse(Json.MAPPER.readTree("""
                {"key":"fast_shipping","name":"Fast shipping step","variants":[{"key":"control"},{"key":"fast","weight":2}],
                 "traffic":0.5,"segment":"mobile","alpha":0.01,
                 "metric":{"type":"conversion","event":"purchase","window":"7d"},
                 "guardrails":[{"type":"count","event":"support_ticket","higherIsBetter":false},
                               {"type":"funnel","steps":[{"event":"checkout_started"},{"event":"purchase"}],"window":"1d"},
                               {"type":"retention","event":"purchase","after":"14d","window":"14d"},
                               {"type":"sum","event":"add_to_cart","property":"quantity"},{"type":"revenue"}]}"""));
        assertThat(e.control().key()).isEqualTo("control");
        assertThat(e.variants().get(1).weight()).isEqualTo(2);
        assertThat(e.traffic()).isEqualTo(0.5);
        assertThat(e.metric().window()).isEqualTo(Duration.ofDays(7));
        assertThat(e.metric().binary()).isTrue();
        assertThat(e.metric().name()).isEqualTo("conversion:purchase");
        assertThat(e.guardrails()).hasSize(5);
        assertThat(e.guardrails().get(0).higherIsBetter()).isFalse();
        assertThat(e.guardrails().get(2).after()).isEqualTo(Duration.ofDays(14));
        assertThat(e.guardrails().get(3).property().toString()).isEqualTo("properties.quantity");
        assertThat(e.guardrails().get(4).event()).isEqualTo("purchase");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'variants':[{'key':'a'},{'key':'b'}],'metric':{'type':'count','event':'x'}} | key",
            "{'key':'Bad Key','variants':[{'key':'a'},{'key':'b'}],'metric':{'type':'count','event':'x'}} | key",
            "{'key':'k','variants':[{'key':'a'}],'metric':{'type':'count','event':'x'}} | variants",
            "{'key':'k','variants':[{'key':'a'},{'key':'a'}],'metric':{'type':'count','event':'x'}} | variants[1].key",
            "{'key':'k','variants':[{'key':'a'},{'key':'b','weight':0}],'metric':{'type':'count','event':'x'}} | variants[1].weight",
            "{'key':'k','variants':[{'key':'a'},{'key':'b'}],'traffic':0,'metric':{'type':'count','event':'x'}} | traffic",
            "{'key':'k','variants':[{'key':'a'},{'key':'b'}],'traffic':1.5,'metric':{'type':'count','event':'x'}} | traffic",
            "{'key':'k','variants':[{'key':'a'},{'key':'b'}]} | metric",
            "{'key':'k','variants':[{'key':'a'},{'key':'b'}],'metric':{'type':'magic'}} | metric.type",
            "{'key':'k','variants':[{'key':'a'},{'key':'b'}],'metric':{'type':'sum','event':'x'}} | metric.property",
            "{'key':'k','variants':[{'key':'a'},{'key':'b'}],'metric':{'type':'count','event':'x','after':'1d'}} | metric.after",
            "{'key':'k','variants':[{'key':'a'},{'key':'b'}],'metric':{'type':'funnel','steps':[{'event':'a'}]}} | metric.steps",
            "{'key':'k','variants':[{'key':'a'},{'key':'b'}],'metric':{'type':'count','event':'x'},'guardrails':[{'type':'count'}]} | guardrails[0].event",
            "{'key':'k','variants':[{'key':'a'},{'key':'b'}],'metric':{'type':'count','event':'x'},'alpha':0.9} | alpha",
            "{'key':'k','variants':[{'key':'a'},{'key':'b'}],'metric':{'type':'count','event':'x'},'segment':'No Id'} | segment"})
    void errorsNameTheField(String json, String field) {
        assertThatThrownBy(() -> Experiment.parse(Json.MAPPER.readTree(json.replace('\'', '"'))))
                .isInstanceOfSatisfying(WaymarkException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}

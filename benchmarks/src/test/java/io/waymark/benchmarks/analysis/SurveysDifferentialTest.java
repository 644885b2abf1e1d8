package io.waymark.benchmarks.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waymark.core.kernel.SurveysResult;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.core.query.SurveysSpec;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.DuckDbQueryEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The surveys kernel on the embedded engine must count what {@link SurveysSql} counts on demo data: per survey and per week. */
class SurveysDifferentialTest {
    private static final List<String> SPECS = List.of(
            "{\"kind\":\"surveys\"}",
            "{\"kind\":\"surveys\",\"from\":\"2026-03-10T12:00:00Z\",\"to\":\"2026-04-20\",\"channel\":[\"survey\",\"web\"]}");

    @ParameterizedTest
    @ValueSource(longs = {7, 42})
    void kernelMatchesSql(long seed) {
        try (DuckDbEventStore store = DemoStore.open(2000, 60, seed)) {
            var engine = new DuckDbQueryEngine(store);
            for (String json : SPECS) {
                var spec = (SurveysSpec) new QuerySpecParser().parse(json);
                var answer = (com.fasterxml.jackson.databind.node.ObjectNode) engine.run(spec);
                answer.remove("stats");
                SurveysResult kernel = io.waymark.core.Json.MAPPER.convertValue(answer, SurveysResult.class);
                Map<String, Map<String, SurveysSql.Tally>> sql = SurveysSql.run(store, spec);
                assertThat(kernel.surveys()).extracting(s -> s.id() + "|" + s.type()).as(json)
                        .containsExactlyInAnyOrderElementsOf(sql.keySet());
                assertThat(kernel.surveys()).as(json + " has the demo's three surveys").hasSize(3);
                for (SurveysResult.Survey s : kernel.surveys()) {
                    Map<String, SurveysSql.Tally> expected = sql.get(s.id() + "|" + s.type());
                    SurveysSql.Tally total = expected.get("");
                    String what = json + " " + s.id();
                    assertThat(s.responses()).as(what).isEqualTo(total.responses()).isPositive();
                    assertThat(s.respondents()).as(what).isEqualTo(total.respondents());
                    assertThat(s.scored()).as(what).isEqualTo(total.scored());
                    assertThat(s.comments().comments()).as(what).isEqualTo(total.comments());
                    assertThat(s.meanScore()).as(what).isCloseTo(total.meanScore(), within(1e-9));
                    if (s.nps() != null) {
                        assertThat(List.of(s.nps().promoters(), s.nps().passives(), s.nps().detractors())).as(what)
                                .containsExactly(total.promoters(), total.passives(), total.detractors());
                        assertThat(s.nps().score()).as(what).isEqualTo(total.nps());
                    } else {
                        assertThat(s.csat().satisfied()).as(what).isEqualTo(total.satisfied());
                        assertThat(s.csat().score()).as(what).isEqualTo(total.csat());
                    }
                    for (SurveysResult.Point p : s.trend()) {
                        SurveysSql.Tally week = expected.get(p.key());
                        assertThat(p.responses()).as(what + " " + p.key()).isEqualTo(week == null ? 0 : week.responses());
                        assertThat(p.score()).as(what + " " + p.key())
                                .isEqualTo(week == null ? null : s.nps() != null ? week.nps() : week.csat());
                    }
                    assertThat(s.trend().stream().mapToLong(SurveysResult.Point::responses).sum()).isEqualTo(s.responses());
                }
            }
        }
    }
}

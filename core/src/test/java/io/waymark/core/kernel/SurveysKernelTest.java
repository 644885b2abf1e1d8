package io.waymark.core.kernel;

import static io.waymark.core.kernel.Journeys.m;
import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.core.event.Channel;
import io.waymark.core.query.QuerySpecParser;
import io.waymark.core.query.SurveysSpec;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SurveysKernelTest {
    private static final String[] COMMENTS = {"Love it", "terrible service", "bad", "bad", "Fine, nothing special", "", "awful!!!"};

    @Test
    void partitionsDoNotChangeTheResult() {
        var j = new Journeys();
        var random = new Random(11);
        String[] types = {"nps", "csat", "ces", "text"};
        for (int p = 0; p < 9000; p++) {
            j.person(String.format("p%05d", p));
            for (int e = random.nextInt(4); e >= 0; e--) {
                String type = types[random.nextInt(types.length)];
                j.channel(Channel.values()[random.nextInt(3)]).at(m(random.nextInt(60 * 24 * 60)), "survey_response",
                        "survey", type, "surveyId", type + "-" + random.nextInt(2), "score", random.nextInt(12),
                        "comment", COMMENTS[random.nextInt(COMMENTS.length)]);
            }
        }
        EventColumns columns = j.columns();
        var spec = (SurveysSpec) new QuerySpecParser().parse("{\"kind\":\"surveys\",\"breakdown\":\"channel\",\"top\":2,\"negative\":25}");
        SurveysResult partitioned = (SurveysResult) Analyses.run(spec, columns).result();
        assertThat(partitioned.surveys()).hasSize(8);
        assertThat(partitioned.surveys().get(0).mostNegative()).hasSize(25)
                .isSortedAccordingTo(Comparator.comparingDouble(SurveysResult.Comment::sentiment));
        assertThat(partitioned.surveys().get(0).breakdown()).hasSize(3).last().extracting(SurveysResult.Point::key).isEqualTo("$other");
        // Sums of sentiments are floating point: their order of addition may move the last bits.
        assertThat(partitioned).usingRecursiveComparison()
                .withComparatorForType((a, b) -> Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b), Double.class)
                .isEqualTo(Journeys.inOneAccumulator(new SurveysKernel(spec, columns), columns));
    }
}

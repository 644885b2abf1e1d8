package io.waymark.core.kernel;

import static io.waymark.core.kernel.Journeys.d;
import static io.waymark.core.kernel.Journeys.h;
import static io.waymark.core.kernel.Journeys.m;
import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.core.query.QuerySpecParser;
import io.waymark.core.query.RetentionSpec;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetentionKernelTest {
    private static RetentionResult run(Journeys j, String spec) {
        RetentionSpec s = (RetentionSpec) new QuerySpecParser().parse(spec);
        return (RetentionResult) Analyses.run(s, j.columns()).result();
    }

    @Test
    void periodZeroNeedsAReturnAfterTheStartNotTheStartItself() {
        Journeys j = new Journeys();
        j.person("once").at(h(0), "purchase");
        j.person("twice").at(h(0), "purchase").at(h(3), "purchase");
        j.person("before").at(h(0), "purchase").at(h(1), "signup");
        var r = run(j, "{\"kind\":\"retention\",\"start\":\"purchase\",\"return\":\"purchase\",\"periods\":2}");
        assertThat(r.cohorts()).hasSize(1);
        assertThat(r.cohorts().get(0).size()).isEqualTo(3);
        assertThat(r.cohorts().get(0).returned()).containsExactly(1L);
        var s = run(j, "{\"kind\":\"retention\",\"start\":\"signup\",\"return\":\"purchase\",\"periods\":2}");
        assertThat(s.cohorts().get(0).returned()).containsExactly(0L);
    }

    @Test
    void eachOffsetCountsAPersonOnceAndOffsetsBeyondTheLatestDataAreAbsent() {
        Journeys j = new Journeys();
        j.person("p1").at(h(0), "signup").at(d(1), "purchase").at(d(1).plusHours(2), "purchase")
                .at(d(3), "purchase").at(d(30), "purchase");
        j.person("p2").at(d(2), "signup").at(d(3), "purchase");
        var r = run(j, "{\"kind\":\"retention\",\"start\":\"signup\",\"return\":\"purchase\",\"periods\":4,\"to\":\"2026-03-06\"}");
        assertThat(r.cohorts()).extracting(RetentionResult.Cohort::start)
                .containsExactly("2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05");
        assertThat(r.cohorts().get(0).returned()).containsExactly(0L, 1L, 0L, 1L);
        assertThat(r.cohorts().get(1).returned()).containsExactly(0L, 0L, 0L);
        assertThat(r.cohorts().get(2).returned()).containsExactly(0L, 1L);
        assertThat(r.cohorts().get(3).returned()).containsExactly(0L);
        assertThat(r.average().sizes()).containsExactly(2L, 2L, 1L, 1L);
        assertThat(r.average().rates()).containsExactly(0.0, 1.0, 0.0, 1.0);
    }

    @Test
    void weeklyCohortsStartOnMonday() {
        Journeys j = new Journeys();
        j.person("sunday").at(d(-1), "signup").at(d(0), "purchase");
        var r = run(j, "{\"kind\":\"retention\",\"start\":\"signup\",\"return\":\"purchase\",\"period\":\"week\"}");
        assertThat(r.cohorts().get(0).start()).isEqualTo("2026-02-23");
        assertThat(r.cohorts().get(0).returned()).containsExactly(0L, 1L);
    }

    @Test
    void resultDoesNotDependOnPartitioning() {
        Journeys j = new Journeys();
        Random random = new Random(7);
        String[] keys = {"signup", "purchase", "$page", "search"};
        for (int p = 0; p < 9000; p++) {
            j.person("p" + p);
            for (int e = random.nextInt(6); e >= 0; e--) {
                String key = keys[random.nextInt(keys.length)];
                j.at(m(random.nextInt(60 * 24 * 40)), key);
            }
        }
        EventColumns columns = j.columns();
        for (String spec : List.of(
                "{\"kind\":\"retention\",\"start\":\"signup\",\"return\":\"purchase\",\"period\":\"week\",\"timezone\":\"Europe/Berlin\"}",
                "{\"kind\":\"retention\",\"start\":\"first_seen\",\"return\":\"any\",\"periods\":30}")) {
            RetentionSpec s = (RetentionSpec) new QuerySpecParser().parse(spec);
            Object parallel = Analyses.run(s, columns).result();
            assertThat(parallel).isEqualTo(Journeys.inOneAccumulator(new RetentionKernel(s, columns), columns));
        }
    }
}

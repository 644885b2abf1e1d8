package io.waymark.core.kernel;

import static io.waymark.core.kernel.PathJourneys.days;
import static io.waymark.core.kernel.PathJourneys.hours;
import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.core.query.QuerySpecParser;
import io.waymark.core.query.RetentionSpec;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetentionKernelTest {
    private static RetentionResult run(PathJourneys j, String spec) {
        RetentionSpec s = (RetentionSpec) new QuerySpecParser().parse(spec);
        return (RetentionResult) Analyses.run(s, j.columns()).result();
    }

    @Test
    void periodZeroNeedsAReturnAfterTheStartNotTheStartItself() {
        PathJourneys j = new PathJourneys();
        j.person("once").did("purchase", hours(0));
        j.person("twice").did("purchase", hours(0)).did("purchase", hours(3));
        j.person("before").did("purchase", hours(0)).did("signup", hours(1));
        var r = run(j, "{\"kind\":\"retention\",\"start\":\"purchase\",\"return\":\"purchase\",\"periods\":2}");
        assertThat(r.cohorts()).hasSize(1);
        assertThat(r.cohorts().get(0).size()).isEqualTo(3);
        assertThat(r.cohorts().get(0).returned()).containsExactly(1L);
        var s = run(j, "{\"kind\":\"retention\",\"start\":\"signup\",\"return\":\"purchase\",\"periods\":2}");
        assertThat(s.cohorts().get(0).returned()).containsExactly(0L);
    }

    @Test
    void eachOffsetCountsAPersonOnceAndOffsetsBeyondTheLatestDataAreAbsent() {
        PathJourneys j = new PathJourneys();
        j.person("p1").did("signup", hours(0)).did("purchase", days(1)).did("purchase", days(1).plusHours(2))
                .did("purchase", days(3)).did("purchase", days(30));
        j.person("p2").did("signup", days(2)).did("purchase", days(3));
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
        PathJourneys j = new PathJourneys();
        j.person("sunday").did("signup", days(-1)).did("purchase", days(0));
        var r = run(j, "{\"kind\":\"retention\",\"start\":\"signup\",\"return\":\"purchase\",\"period\":\"week\"}");
        assertThat(r.cohorts().get(0).start()).isEqualTo("2026-02-23");
        assertThat(r.cohorts().get(0).returned()).containsExactly(0L, 1L);
    }

    @Test
    void resultDoesNotDependOnPartitioning() {
        PathJourneys j = new PathJourneys();
        Random random = new Random(7);
        String[] keys = {"signup", "purchase", "$page", "search"};
        for (int p = 0; p < 9000; p++) {
            var person = j.person("p" + p);
            for (int e = random.nextInt(6); e >= 0; e--) {
                person.did(keys[random.nextInt(keys.length)], Duration.ofMinutes(random.nextInt(60 * 24 * 40)));
            }
        }
        EventColumns columns = j.columns();
        for (String spec : List.of(
                "{\"kind\":\"retention\",\"start\":\"signup\",\"return\":\"purchase\",\"period\":\"week\",\"timezone\":\"Europe/Berlin\"}",
                "{\"kind\":\"retention\",\"start\":\"first_seen\",\"return\":\"any\",\"periods\":30}")) {
            RetentionSpec s = (RetentionSpec) new QuerySpecParser().parse(spec);
            Object parallel = Analyses.run(s, columns).result();
            assertThat(parallel).isEqualTo(KernelFolds.inOneAccumulator(new RetentionKernel(s, columns), columns));
        }
    }
}

package io.waymark.core.kernel;

import static io.waymark.core.kernel.PathJourneys.hours;
import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.core.query.PathsSpec;
import io.waymark.core.query.QuerySpecParser;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PathsKernelTest {
    private static PathsResult run(PathJourneys j, String spec) {
        PathsSpec s = (PathsSpec) new QuerySpecParser().parse(spec);
        return (PathsResult) Analyses.run(s, j.columns()).result();
    }

    @Test
    void startsAtTheFirstAnchorCollapsesRepeatsAndSkipsIdentifyCalls() {
        PathJourneys j = new PathJourneys();
        j.person("p1").did("search", hours(0)).did("product_view", hours(1)).did("$identify", hours(2))
                .did("product_view", hours(3)).did("$page", hours(4)).did("$page", hours(5)).did("product_view", hours(6))
                .did("purchase", hours(7));
        var r = run(j, "{\"kind\":\"paths\",\"start\":\"product_view\",\"depth\":4}");
        assertThat(r.paths()).containsExactly(new PathsResult.Path(List.of("product_view", "$page", "product_view", "purchase"), 1));
    }

    @Test
    void endsAtTheLastAnchorAndCutsAtDepth() {
        PathJourneys j = new PathJourneys();
        j.person("p1").did("purchase", hours(0)).did("search", hours(1)).did("product_view", hours(2))
                .did("add_to_cart", hours(3)).did("purchase", hours(4)).did("review", hours(5));
        var r = run(j, "{\"kind\":\"paths\",\"end\":\"purchase\",\"depth\":3}");
        assertThat(r.paths()).containsExactly(new PathsResult.Path(List.of("product_view", "add_to_cart", "purchase"), 1));
        assertThat(r.nodes()).extracting(PathsResult.Node::step).containsExactly(0, 1, 2);
    }

    @Test
    void resultDoesNotDependOnPartitioning() {
        PathJourneys j = new PathJourneys();
        Random random = new Random(11);
        String[] keys = {"signup", "purchase", "$page", "search", "$identify", "add_to_cart"};
        for (int p = 0; p < 9000; p++) {
            var person = j.person("p" + p);
            for (int e = random.nextInt(8); e >= 0; e--) {
                person.did(keys[random.nextInt(keys.length)], Duration.ofMinutes(random.nextInt(60 * 24 * 5)));
            }
        }
        EventColumns columns = j.columns();
        for (String spec : List.of("{\"kind\":\"paths\",\"start\":\"signup\",\"top\":7}", "{\"kind\":\"paths\",\"end\":\"purchase\",\"depth\":3}")) {
            PathsSpec s = (PathsSpec) new QuerySpecParser().parse(spec);
            assertThat(Analyses.run(s, columns).result()).isEqualTo(KernelFolds.inOneAccumulator(new PathsKernel(s, columns), columns));
        }
    }
}

package io.waymark.core.kernel;

import static io.waymark.core.kernel.Journeys.h;
import static io.waymark.core.kernel.Journeys.m;
import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.core.query.PathsSpec;
import io.waymark.core.query.QuerySpecParser;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PathsKernelTest {
    private static PathsResult run(Journeys j, String spec) {
        PathsSpec s = (PathsSpec) new QuerySpecParser().parse(spec);
        return (PathsResult) Analyses.run(s, j.columns()).result();
    }

    @Test
    void startsAtTheFirstAnchorCollapsesRepeatsAndSkipsIdentifyCalls() {
        Journeys j = new Journeys();
        j.person("p1").at(h(0), "search").at(h(1), "product_view").at(h(2), "$identify")
                .at(h(3), "product_view").at(h(4), "$page").at(h(5), "$page").at(h(6), "product_view")
                .at(h(7), "purchase");
        var r = run(j, "{\"kind\":\"paths\",\"start\":\"product_view\",\"depth\":4}");
        assertThat(r.paths()).containsExactly(new PathsResult.Path(List.of("product_view", "$page", "product_view", "purchase"), 1));
    }

    @Test
    void endsAtTheLastAnchorAndCutsAtDepth() {
        Journeys j = new Journeys();
        j.person("p1").at(h(0), "purchase").at(h(1), "search").at(h(2), "product_view")
                .at(h(3), "add_to_cart").at(h(4), "purchase").at(h(5), "review");
        var r = run(j, "{\"kind\":\"paths\",\"end\":\"purchase\",\"depth\":3}");
        assertThat(r.paths()).containsExactly(new PathsResult.Path(List.of("product_view", "add_to_cart", "purchase"), 1));
        assertThat(r.nodes()).extracting(PathsResult.Node::step).containsExactly(0, 1, 2);
    }

    @Test
    void resultDoesNotDependOnPartitioning() {
        Journeys j = new Journeys();
        Random random = new Random(11);
        String[] keys = {"signup", "purchase", "$page", "search", "$identify", "add_to_cart"};
        for (int p = 0; p < 9000; p++) {
            j.person("p" + p);
            for (int e = random.nextInt(8); e >= 0; e--) {
                String key = keys[random.nextInt(keys.length)];
                j.at(m(random.nextInt(60 * 24 * 5)), key);
            }
        }
        EventColumns columns = j.columns();
        for (String spec : List.of("{\"kind\":\"paths\",\"start\":\"signup\",\"top\":7}", "{\"kind\":\"paths\",\"end\":\"purchase\",\"depth\":3}")) {
            PathsSpec s = (PathsSpec) new QuerySpecParser().parse(spec);
            assertThat(Analyses.run(s, columns).result()).isEqualTo(Journeys.inOneAccumulator(new PathsKernel(s, columns), columns));
        }
    }
}

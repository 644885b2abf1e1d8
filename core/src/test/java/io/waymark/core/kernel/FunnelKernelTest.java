package io.waymark.core.kernel;

import static io.waymark.core.kernel.Journeys.d;
import static io.waymark.core.kernel.Journeys.h;
import static io.waymark.core.kernel.Journeys.m;
import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.core.event.Channel;
import io.waymark.core.query.FunnelSpec;
import io.waymark.core.query.QuerySpecParser;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FunnelKernelTest {
    private static final String VIEW_CART_BUY = "\"steps\":[{\"event\":\"product_view\"},{\"event\":\"add_to_cart\"},{\"event\":\"purchase\"}]";

    private static FunnelResult run(String specFields, EventColumns columns) {
        var spec = (FunnelSpec) new QuerySpecParser().parse("{\"kind\":\"funnel\"," + specFields + "}");
        return (FunnelResult) Analyses.run(spec, columns).result();
    }

    private static List<Long> persons(FunnelResult r) {
        return r.steps().stream().map(FunnelResult.Step::persons).toList();
    }

    @Test
    void orderedAllowsOtherEventsBetweenStepsButNotReversedSteps() {
        var j = new Journeys()
                .person("p1").at(h(0), "product_view").at(h(1), "$page").at(h(2), "add_to_cart").at(h(3), "purchase")
                .person("p2").at(h(0), "add_to_cart").at(h(1), "product_view").at(h(2), "purchase")
                .person("p3").at(h(0), "purchase");
        FunnelResult r = run(VIEW_CART_BUY, j.columns());
        assertThat(persons(r)).containsExactly(2L, 1L, 1L);
        assertThat(r.steps().get(1).conversionFromStart()).isEqualTo(0.5);
        assertThat(r.steps().get(2).conversionFromPrevious()).isEqualTo(1.0);
        assertThat(r.steps().get(0).medianSecondsFromPrevious()).isNull();
        assertThat(r.steps().get(1).medianSecondsFromPrevious()).isEqualTo(7200.0);
    }

    @Test
    void windowBoundaryIsInclusive() {
        var j = new Journeys()
                .person("exact").at(h(0), "product_view").at(d(7), "add_to_cart")
                .person("late").at(h(0), "product_view").at(d(7).plusSeconds(1), "add_to_cart");
        FunnelResult r = run(VIEW_CART_BUY + ",\"window\":\"7d\",\"dropOffAt\":2", j.columns());
        assertThat(persons(r)).containsExactly(2L, 1L, 0L);
        assertThat(r.dropOff().persons()).containsExactly("late");
    }

    @Test
    void laterAttemptThatGoesFurtherWins() {
        var j = new Journeys().person("p1")
                .at(h(0), "product_view").at(h(1), "add_to_cart")
                .at(d(20), "product_view").at(d(20).plus(h(1)), "add_to_cart").at(d(20).plus(h(3)), "purchase");
        FunnelResult r = run(VIEW_CART_BUY, j.columns());
        assertThat(persons(r)).containsExactly(1L, 1L, 1L);
        assertThat(r.steps().get(2).medianSecondsFromPrevious()).isEqualTo(7200.0);
    }

    @Test
    void amongEqualAttemptsTheFirstCountsForTimesAndBreakdown() {
        var j = new Journeys().person("p1")
                .channel(Channel.EMAIL).at(h(0), "product_view").channel(Channel.WEB).at(h(5), "product_view").at(h(6), "add_to_cart");
        FunnelResult r = run(VIEW_CART_BUY + ",\"breakdown\":\"channel\"", j.columns());
        assertThat(r.steps().get(1).medianSecondsFromPrevious()).isEqualTo(6 * 3600.0);
        assertThat(r.breakdowns()).extracting(FunnelResult.Breakdown::value).containsExactly("email");
    }

    @Test
    void strictBreaksOnOtherEventsButNotOnRepeatsOrSameInstant() {
        var j = new Journeys()
                .person("other").at(h(0), "product_view").at(h(1), "$page").at(h(2), "add_to_cart")
                .person("repeat").at(h(0), "product_view").at(h(1), "product_view").at(h(2), "add_to_cart").at(h(3), "purchase")
                .person("sameInstant").at(h(0), "product_view").at(h(0), "$page").at(h(2), "add_to_cart")
                .person("earlierStep").at(h(0), "product_view").at(h(1), "add_to_cart").at(h(2), "product_view").at(h(3), "purchase");
        FunnelResult r = run(VIEW_CART_BUY + ",\"mode\":\"strict\",\"dropOffAt\":2", j.columns());
        assertThat(persons(r)).containsExactly(4L, 3L, 1L);
        assertThat(r.dropOff().persons()).containsExactly("other");
        FunnelResult ordered = run(VIEW_CART_BUY, j.columns());
        assertThat(persons(ordered)).containsExactly(4L, 4L, 2L);
    }

    @Test
    void unorderedCountsDistinctStepsInAnyOrderWithinTheWindow() {
        var j = new Journeys()
                .person("reversed").at(h(0), "purchase").at(h(1), "add_to_cart").at(h(2), "product_view")
                .person("twoOfThree").at(h(0), "add_to_cart").at(h(1), "add_to_cart").at(h(2), "product_view")
                .person("tooSlow").at(h(0), "purchase").at(d(15), "add_to_cart");
        FunnelResult r = run(VIEW_CART_BUY + ",\"mode\":\"unordered\"", j.columns());
        assertThat(persons(r)).containsExactly(3L, 2L, 1L);
    }

    @Test
    void sameEventTwiceNeedsTwoEvents() {
        var j = new Journeys()
                .person("once").at(h(0), "$page")
                .person("twice").at(h(0), "$page").at(h(0), "$page");
        for (String mode : List.of("ordered", "strict", "unordered")) {
            FunnelResult r = run("\"steps\":[{\"event\":\"$page\"},{\"event\":\"$page\"}],\"mode\":\"" + mode + "\"", j.columns());
            assertThat(persons(r)).as(mode).containsExactly(2L, 1L);
        }
    }

    @Test
    void equalTimestampsCountInStepOrderWhateverTheMessageIds() {
        var j = new Journeys()
                .person("p1").at(h(0), "purchase").at(h(0), "add_to_cart").at(h(0), "product_view")
                .person("p2").at(h(0), "product_view").at(h(0), "add_to_cart").at(h(0), "purchase");
        for (String mode : List.of("ordered", "strict", "unordered")) {
            String spec = VIEW_CART_BUY + ",\"mode\":\"" + mode + "\"";
            assertThat(persons(run(spec, j.columns()))).as(mode).containsExactly(2L, 2L, 2L);
            assertThat(run(spec, j.columnsWithReversedIds())).as(mode).isEqualTo(run(spec, j.columns()));
        }
    }

    @Test
    void stepConditionsFilterTheStepEvents() {
        var j = new Journeys()
                .person("shoes").at(h(0), "product_view").at(h(1), "add_to_cart", "category", "shoes")
                .person("hats").at(h(0), "product_view").at(h(1), "add_to_cart", "category", "hats");
        FunnelResult r = run("\"steps\":[{\"event\":\"product_view\"},{\"event\":\"add_to_cart\",\"where\":"
                + "[{\"field\":\"properties.category\",\"op\":\"eq\",\"value\":\"shoes\"}]}]", j.columns());
        assertThat(persons(r)).containsExactly(2L, 1L);
    }

    @Test
    void percentilesAreNearestRank() {
        var j = new Journeys();
        for (int i = 1; i <= 5; i++) {
            j.person("p" + i).at(h(0), "product_view").at(h(i), "add_to_cart");
        }
        FunnelResult.Step cart = run(VIEW_CART_BUY, j.columns()).steps().get(1);
        assertThat(cart.medianSecondsFromPrevious()).isEqualTo(3 * 3600.0);
        assertThat(cart.p90SecondsFromPrevious()).isEqualTo(5 * 3600.0);
    }

    @Test
    void breakdownUsesTheStepOneEventAndNoneForMissingValues() {
        var j = new Journeys()
                .person("p1").at(h(0), "product_view", "source", "ad").at(h(1), "add_to_cart", "source", "mail")
                .person("p2").at(h(0), "product_view", "source", "ad")
                .person("p3").at(h(0), "product_view").at(h(1), "add_to_cart");
        FunnelResult r = run(VIEW_CART_BUY + ",\"breakdown\":\"source\"", j.columns());
        assertThat(r.breakdown()).isEqualTo("properties.source");
        assertThat(r.breakdowns()).extracting(FunnelResult.Breakdown::value).containsExactly("ad", "$none");
        assertThat(r.breakdowns().get(0).steps()).extracting(FunnelResult.Step::persons).containsExactly(2L, 1L, 0L);
        assertThat(r.breakdowns().get(1).steps()).extracting(FunnelResult.Step::persons).containsExactly(1L, 1L, 0L);
    }

    @Test
    void dropOffListsSortedIdsUpToTheLimitAndCountsAll() {
        var j = new Journeys();
        for (int i = 9; i >= 0; i--) {
            j.person("p" + i).at(h(0), "product_view");
        }
        FunnelResult r = run(VIEW_CART_BUY + ",\"dropOffAt\":2,\"limit\":3", j.columns());
        assertThat(r.dropOff().total()).isEqualTo(10);
        assertThat(r.dropOff().persons()).containsExactly("p0", "p1", "p2");
    }

    @Test
    void emptyInputGivesZeroStepsWithoutTimes() {
        FunnelResult r = run(VIEW_CART_BUY, new Journeys().columns());
        assertThat(persons(r)).containsExactly(0L, 0L, 0L);
        assertThat(r.steps().get(1).conversionFromStart()).isZero();
        assertThat(r.steps().get(1).p90SecondsFromPrevious()).isNull();
    }

    @Test
    void partitionsMergeToTheSameResultAsOneSequentialFold() {
        var j = new Journeys();
        var random = new Random(7);
        String[] names = {"product_view", "add_to_cart", "purchase", "$page"};
        for (int p = 0; p < 9000; p++) {
            j.person(String.format("p%05d", p));
            for (int e = random.nextInt(6); e >= 0; e--) {
                Duration at = m(random.nextInt(30 * 24 * 60));
                j.channel(Channel.values()[random.nextInt(3)]).at(at, names[random.nextInt(4)]);
            }
        }
        EventColumns columns = j.columns();
        for (String mode : List.of("ordered", "strict", "unordered")) {
            var spec = (FunnelSpec) new QuerySpecParser().parse("{\"kind\":\"funnel\"," + VIEW_CART_BUY
                    + ",\"window\":\"3d\",\"breakdown\":\"channel\",\"dropOffAt\":3,\"mode\":\"" + mode + "\"}");
            assertThat(Analyses.run(spec, columns).result()).as(mode)
                    .isEqualTo(Journeys.inOneAccumulator(new FunnelKernel(spec, columns), columns));
        }
    }
}

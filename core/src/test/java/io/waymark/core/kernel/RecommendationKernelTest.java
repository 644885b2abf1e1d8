package io.waymark.core.kernel;

import static io.waymark.core.kernel.Journeys.d;
import static io.waymark.core.kernel.Journeys.h;
import static io.waymark.core.kernel.Journeys.m;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waymark.core.query.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecommendationKernelTest {
    /** A purchase of the given product ids, as the demo and Segment's e-commerce spec send it. */
    private static Object[] basket(String... ids) {
        List<Map<String, Object>> products = new ArrayList<>();
        for (String id : ids) {
            products.add(Map.of("productId", id, "name", "Item " + id.toUpperCase()));
        }
        return new Object[] {"products", products};
    }

    private static RecommendationsResult recommend(Journeys j, String person, int n, boolean excludePurchased) {
        EventColumns columns = j.columns();
        Recommender r = new Recommender(RecommendationModel.build(columns), columns);
        return r.recommend(r.person(person), n, excludePurchased, null);
    }

    @Test
    void boughtTogetherIsCosineOverBuyers() {
        Journeys j = new Journeys();
        j.person("p1").at(h(0), "purchase", basket("a", "b"));
        j.person("p2").at(h(0), "purchase", basket("a")).at(d(3), "purchase", basket("c"));
        j.person("p3").at(h(0), "purchase", basket("b"));
        j.person("p4").at(h(0), "purchase", basket("a"));
        // buyers: a 3, b 2, c 1; together: ab 1 (p1), ac 1 (p2, in two orders: one basket per person)
        var r = recommend(j, "p4", 10, true);
        assertThat(r.personId()).isEqualTo("p4");
        assertThat(r.items()).extracting(RecommendationsResult.Item::itemId).containsExactly("c", "b");
        assertThat(r.items().get(0).score()).isCloseTo(1 / Math.sqrt(3 * 1), within(1e-12));
        assertThat(r.items().get(1).score()).isCloseTo(1 / Math.sqrt(3 * 2), within(1e-12));
        assertThat(r.items().get(0).reason()).isEqualTo("bought together with Item A");
        assertThat(r.items().get(0).because()).isEqualTo("a");
        assertThat(r.items().get(0).name()).isEqualTo("Item C");
    }

    @Test
    void viewsPairOnlyWithinAVisit() {
        Journeys j = new Journeys();
        // x and y in one visit (10 minutes apart); z 31 minutes after y starts another visit
        j.person("p1").at(m(0), "product_view", "productId", "x").at(m(10), "product_view", "productId", "y")
                .at(m(41), "product_view", "productId", "z");
        j.person("p2").at(h(0), "add_to_cart", "productId", "x");
        var r = recommend(j, "p2", 10, true);
        assertThat(r.items()).extracting(RecommendationsResult.Item::itemId).containsExactly("y");
        assertThat(r.items().get(0).reason()).isEqualTo("viewed together with x");
        assertThat(r.items().get(0).score()).isCloseTo(1 / Math.sqrt(2 * 1), within(1e-12));
    }

    @Test
    void exactlyThirtyMinutesApartIsStillOneVisit() {
        Journeys j = new Journeys();
        j.person("p1").at(m(0), "product_view", "productId", "x").at(m(30), "product_view", "productId", "z");
        j.person("p2").at(h(0), "product_view", "productId", "x");
        assertThat(recommend(j, "p2", 10, true).items()).extracting(RecommendationsResult.Item::itemId).containsExactly("z");
    }

    @Test
    void purchasedItemsAreLeftOutUnlessAskedAndPopularItemsFillTheList() {
        Journeys j = new Journeys();
        j.person("p1").at(h(0), "purchase", basket("a", "b"));
        j.person("p2").at(h(0), "purchase", basket("a", "b"));
        j.person("p3").at(h(0), "purchase", basket("c"));
        j.person("p4").at(h(0), "purchase", basket("d"));
        j.person("p5").at(h(0), "purchase", basket("a"));
        var kept = recommend(j, "p5", 3, true);
        assertThat(kept.items()).extracting(RecommendationsResult.Item::itemId).containsExactly("b", "c", "d");
        assertThat(kept.items()).extracting(RecommendationsResult.Item::reason)
                .containsExactly("bought together with Item A", "popular", "popular");
        // c and d have one buyer each of five: ties break by id
        assertThat(kept.items().get(1).score()).isCloseTo(1.0 / 5, within(1e-12));
        var all = recommend(j, "p5", 3, false);
        assertThat(all.items()).extracting(RecommendationsResult.Item::itemId).containsExactly("b", "a", "c");
    }

    @Test
    void anUnknownPersonGetsPopularItemsOfTheSegment() {
        Journeys j = new Journeys();
        j.person("p1").at(h(0), "purchase", basket("a"));
        j.person("p2").at(h(0), "purchase", basket("a"));
        j.person("p3").at(h(0), "purchase", basket("b"));
        EventColumns columns = j.columns();
        Recommender r = new Recommender(RecommendationModel.build(columns), columns);
        assertThat(r.person("nobody")).isEqualTo(-1);
        var everybody = r.recommend(-1, 5, true, null);
        assertThat(everybody.personId()).isNull();
        assertThat(everybody.items()).extracting(RecommendationsResult.Item::itemId).containsExactly("a", "b");
        var segment = r.recommend(-1, 5, true, new PersonSet(new boolean[] {false, false, true}));
        assertThat(segment.items()).extracting(RecommendationsResult.Item::itemId).containsExactly("b");
        assertThat(segment.items().get(0).reason()).isEqualTo("popular in segment");
        assertThat(segment.items().get(0).score()).isEqualTo(1.0);
    }

    @Test
    void recentSeedsWeighMoreThanOldOnes() {
        Journeys j = new Journeys();
        j.person("p1").at(h(0), "purchase", basket("old", "x"));
        j.person("p2").at(h(0), "purchase", basket("new", "y"));
        j.person("p3").at(h(0), "purchase", basket("old")).at(d(1), "purchase", basket("new"));
        // x and y are equally similar to their seeds; "new" was bought last, so y leads
        var r = recommend(j, "p3", 2, true);
        assertThat(r.items()).extracting(RecommendationsResult.Item::itemId).containsExactly("y", "x");
        assertThat(r.items().get(1).score()).isCloseTo(r.items().get(0).score() * Recommender.RECENCY, within(1e-12));
    }

    @Test
    void modelDoesNotDependOnPartitioning() {
        Journeys j = new Journeys();
        Random random = new Random(5);
        for (int p = 0; p < 3000; p++) {
            j.person("p" + p);
            for (int e = random.nextInt(12); e >= 0; e--) {
                String item = "i" + random.nextInt(40);
                if (random.nextInt(4) == 0) {
                    j.at(m(random.nextInt(60 * 24 * 5)), "purchase", basket(item, "i" + random.nextInt(40)));
                } else {
                    j.at(m(random.nextInt(60 * 24 * 5)), "product_view", "productId", item);
                }
            }
        }
        EventColumns columns = j.columns();
        ProductFields fields = new ProductFields(columns);
        ItemCatalog catalog = ItemCatalog.of(columns, fields);
        RecommendationKernel kernel = new RecommendationKernel(fields, catalog, 5);
        RecommendationModel whole = Journeys.inOneAccumulator(kernel, columns);
        for (int size : new int[] {1, 7, 512}) {
            RecommendationModel split = KernelRunner.run(columns, Scope.ALL, null, kernel, size).result();
            assertThat(split.popularity()).usingRecursiveComparison().isEqualTo(whole.popularity());
            for (int item = 0; item < catalog.size(); item++) {
                assertThat(split.bought().of(item)).as("bought neighbours of " + item).isEqualTo(whole.bought().of(item));
                assertThat(split.bought().similarities(item)).isEqualTo(whole.bought().similarities(item));
                assertThat(split.viewed().of(item)).as("viewed neighbours of " + item).isEqualTo(whole.viewed().of(item));
                assertThat(split.viewed().similarities(item)).isEqualTo(whole.viewed().similarities(item));
            }
        }
        assertThat(whole.bought().of(0)).hasSize(5);
    }
}

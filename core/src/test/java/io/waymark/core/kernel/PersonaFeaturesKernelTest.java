package io.waymark.core.kernel;

import static io.waymark.core.kernel.Journeys.d;
import static io.waymark.core.kernel.Journeys.h;
import static io.waymark.core.kernel.Journeys.m;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waymark.core.query.PersonasSpec;
import io.waymark.core.query.QuerySpecParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersonaFeaturesKernelTest {
    private static final String SPEC = "{\"kind\":\"personas\",\"to\":\"2026-03-09\"}";
    private final Journeys j = new Journeys();

    /** Runs the kernel alone: the features by name, for each person in order. */
    private record Features(List<String> names, PersonaTable table) {
        double get(int row, String name) {
            int index = names.indexOf(name);
            assertThat(index).as(name).isNotNegative();
            return table.feature(row, index);
        }
    }

    private Features run(String json, EventColumns columns) {
        var spec = (PersonasSpec) new QuerySpecParser().parse(json);
        columns.prefetch(spec.fields());
        columns.prefetch(DefaultStageRules.get().fields());
        List<String> categories = PersonaFeaturesKernel.commonCategories(columns);
        var kernel = new PersonaFeaturesKernel(spec, columns, categories, KernelRunner.micros(spec.scope().range().to()));
        PersonaTable table = KernelRunner.run(columns, spec.scope(), kernel).result();
        return new Features(PersonaFeature.of(spec.features(), categories).stream().map(PersonaFeature::name).toList(), table);
    }

    private void twoPersons() {
        // p1, Monday 09:00 on the phone: views an office item for 10, carts it and buys with a coupon;
        // Wednesday 09:00 at the desk: views a book for 40, carts it and leaves
        j.person("p1").device("mobile")
                .page(m(0), "/home")
                .at(m(1), "product_view", "category", "office", "price", 10.0)
                .at(m(2), "add_to_cart")
                .at(m(3), "purchase", "revenue", 100.0, "coupon", "SAVE10")
                .device("desktop")
                .page(d(2), "/home")
                .at(d(2).plus(m(1)), "product_view", "category", "books", "price", 40.0)
                .at(d(2).plus(m(2)), "add_to_cart");
        // p2: one page view on Saturday 20:00, no device, nothing bought
        j.person("p2").page(d(5).plus(h(11)), "/home");
    }

    @Test
    void featuresOfAHandBuiltJourney() {
        twoPersons();
        Features f = run(SPEC, j.columns());
        assertThat(f.table().rows()).isEqualTo(2);
        assertThat(f.get(0, "channel_web")).isEqualTo(1.0);
        assertThat(f.get(0, "device_mobile")).isCloseTo(4 / 7.0, within(1e-6)); // 4 of the 7 events with a device type
        assertThat(f.get(0, "time_morning")).isEqualTo(1.0);
        assertThat(f.get(0, "time_evening")).isEqualTo(0.0);
        assertThat(f.get(0, "time_weekend")).isEqualTo(0.0);
        // last visit-making event Wednesday 09:02, to = Monday 00:00 five days later
        assertThat(f.get(0, "recency_days")).isCloseTo(4 + (14 * 60 + 58) / 1440.0, within(1e-5));
        assertThat(f.get(0, "orders")).isEqualTo(1.0);
        assertThat(f.get(0, "revenue")).isEqualTo(100.0);
        assertThat(f.get(0, "order_value")).isEqualTo(100.0);
        assertThat(f.get(0, "category_books")).isEqualTo(0.5);
        assertThat(f.get(0, "category_office")).isEqualTo(0.5);
        assertThat(f.get(0, "discount_orders")).isEqualTo(1.0);
        assertThat(f.get(0, "price_viewed")).isCloseTo(20.0, within(1e-4)); // geometric mean of 10 and 40
        assertThat(f.get(0, "visits")).isEqualTo(2.0);
        assertThat(f.get(0, "pages_per_visit")).isEqualTo(1.0);
        assertThat(f.get(0, "visit_minutes")).isEqualTo(2.5);
        assertThat(f.get(0, "cart_abandonment")).isEqualTo(0.5);
        assertThat(f.get(0, "carts_per_visit")).isEqualTo(1.0);
        assertThat(f.table().orders()[0]).isEqualTo(1);
        assertThat(f.table().revenue()[0]).isEqualTo(100.0);
        assertThat(f.table().cartVisits()[0]).isEqualTo(2);
        assertThat(f.table().abandonedCarts()[0]).isEqualTo(1);
        assertThat(FirstVisitPath.keys(f.table().firstVisitPath()[0], j.columns()))
                .containsExactly("$page", "product_view", "add_to_cart", "purchase");
        assertThat(DefaultStageRules.get().stages().get(f.table().furthestStage()[0]).name()).isEqualTo("purchase");
    }

    @Test
    void undefinedFeaturesAreNaNNotZero() {
        twoPersons();
        Features f = run(SPEC, j.columns());
        assertThat(f.get(1, "time_evening")).isEqualTo(1.0);
        assertThat(f.get(1, "time_weekend")).isEqualTo(1.0);
        assertThat(f.get(1, "recency_days")).isCloseTo(4 / 24.0 + 1, within(1e-5));
        assertThat(f.get(1, "orders")).isEqualTo(0.0);
        for (String undefined : List.of("device_mobile", "order_value", "discount_orders", "price_viewed", "cart_abandonment", "category_office")) {
            assertThat(f.get(1, undefined)).as(undefined).isNaN();
        }
        assertThat(FirstVisitPath.keys(f.table().firstVisitPath()[1], j.columns())).containsExactly("$page");
        // the default rules' awareness stage takes a person's first event
        assertThat(DefaultStageRules.get().stages().get(f.table().furthestStage()[1]).name()).isEqualTo("awareness");
    }

    @Test
    void timeOfDayIsReadInTheSpecsTimeZone() {
        twoPersons();
        // 09:00 UTC is 18:00 in Tokyo: p1's visits are evening visits there
        Features f = run("{\"kind\":\"personas\",\"to\":\"2026-03-09\",\"timezone\":\"Asia/Tokyo\",\"features\":[\"time\"]}", j.columns());
        assertThat(f.names()).containsExactly("time_night", "time_morning", "time_afternoon", "time_evening", "time_weekend");
        assertThat(f.get(0, "time_evening")).isEqualTo(1.0);
        assertThat(f.get(0, "time_morning")).isEqualTo(0.0);
        // Saturday 20:00 UTC is Sunday 05:00 in Tokyo: still the weekend, now at night
        assertThat(f.get(1, "time_night")).isEqualTo(1.0);
        assertThat(f.get(1, "time_weekend")).isEqualTo(1.0);
    }

    @Test
    void identifyCallsAndTraitsAreNoFeatures() {
        twoPersons();
        Features without = run(SPEC, j.columns());
        j.person("p1").at(d(3), "$identify");
        Features with = run(SPEC, j.columns());
        assertThat(with.table().features()).containsExactly(without.table().features());
    }

    @Test
    void tablesDoNotDependOnPartitioning() {
        for (int p = 0; p < 40; p++) {
            j.person(String.format("p%02d", p)).device(p % 3 == 0 ? "mobile" : "desktop").page(h(p), "/a")
                    .at(h(p).plus(m(1)), "product_view", "category", p % 2 == 0 ? "toys" : "home", "price", 5.0 + p);
            if (p % 4 == 0) {
                j.at(h(p).plus(m(2)), "add_to_cart").at(h(p).plus(m(3)), "purchase", "revenue", 10.0 * p);
            }
        }
        EventColumns columns = j.columns();
        var spec = (PersonasSpec) new QuerySpecParser().parse(SPEC);
        columns.prefetch(spec.fields());
        List<String> categories = PersonaFeaturesKernel.commonCategories(columns);
        var kernel = new PersonaFeaturesKernel(spec, columns, categories, 0);
        PersonaTable one = Journeys.inOneAccumulator(kernel, columns);
        PersonaTable tiny = KernelRunner.run(columns, spec.scope(), null, kernel, 1).result();
        assertThat(tiny.rows()).isEqualTo(40);
        assertThat(tiny.person()).containsExactly(one.person());
        assertThat(tiny.features()).containsExactly(one.features());
        assertThat(tiny.revenue()).containsExactly(one.revenue());
        assertThat(tiny.firstVisitPath()).containsExactly(one.firstVisitPath());
        assertThat(tiny.furthestStage()).containsExactly(one.furthestStage());
    }
}

package io.waymark.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CatalogTest {
    @Test
    void twoHundredProductsInTenCategoriesWithShopPrices() {
        List<Product> products = Catalog.standard().products();
        assertThat(products).hasSize(200);
        assertThat(products.stream().map(Product::id).distinct()).hasSize(200);
        assertThat(products.stream().map(Product::name).distinct().count()).isGreaterThan(190);
        assertThat(products.stream().map(Product::category).distinct()).containsExactlyInAnyOrderElementsOf(Catalog.CATEGORIES);
        assertThat(products).allSatisfy(p -> assertThat(p.price()).isBetween(3.0, 600.0));
    }

    @Test
    void pricePreferencesPickFromEitherEndOfACategory() {
        Catalog catalog = Catalog.standard();
        SplittableRandom r = new SplittableRandom(5);
        double cheap = 0;
        double premium = 0;
        for (int i = 0; i < 2_000; i++) {
            cheap += catalog.pick(r, 0, PricePreference.CHEAP).price();
            premium += catalog.pick(r, 0, PricePreference.PREMIUM).price();
        }
        assertThat(premium).isGreaterThan(2 * cheap);
    }
}

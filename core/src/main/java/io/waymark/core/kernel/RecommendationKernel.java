package io.waymark.core.kernel;

import java.util.Arrays;

/**
 * Counts what a recommendation model needs, per person, in one pass: for "bought together", the persons who bought
 * each item and each pair of items (a person's purchases are one basket, however many orders they took); for
 * "viewed together", the visits that viewed each item and each pair, where a visit is a run of a person's product
 * views (and add-to-carts) with no gap over 30 minutes (Google Analytics' session timeout, as {@code sessions}
 * uses). Views within a visit reflect one shopping intent; over a whole history they would pair everything a
 * person ever browsed. These are the co-occurrence counts of Linden, Smith and York, "Amazon.com recommendations:
 * item-to-item collaborative filtering" (IEEE Internet Computing, 2003): item vectors over customers (here also
 * over visits), compared by cosine in {@link RecommendationModel}. Counts are integers, so partitions merge
 * exactly and the model does not depend on how persons were split.
 */
final class RecommendationKernel implements PersonKernel<RecommendationKernel.Acc, RecommendationModel> {
    static final long VISIT_GAP_MICROS = 30 * 60 * 1_000_000L;
    /**
     * At most this many distinct items per basket (a person's most recent purchases, a visit's first views): pairs
     * grow with its square, and a bulk buyer or a crawler says little about which items go together.
     */
    static final int MAX_BASKET = 50;

    private final ProductFields fields;
    private final ItemCatalog catalog;
    private final int neighbours;

    RecommendationKernel(ProductFields fields, ItemCatalog catalog, int neighbours) {
        this.fields = fields;
        this.catalog = catalog;
        this.neighbours = neighbours;
    }

    static final class Acc {
        final long[] buyers;
        long purchasers;
        final long[] visits;
        final LongCounter boughtPairs = new LongCounter();
        final LongCounter viewedPairs = new LongCounter();
        /** Dedup within a basket: {@code mark[item] == stamp} when the basket holds it. */
        final int[] mark;
        int stamp;
        final int[] basket = new int[MAX_BASKET];

        Acc(int items) {
            buyers = new long[items];
            visits = new long[items];
            mark = new int[items];
        }
    }

    @Override
    public Acc newAccumulator() {
        return new Acc(catalog.size());
    }

    @Override
    public void person(Acc acc, PersonEvents events) {
        boughtBasket(acc, events);
        int size = 0;
        long lastView = Long.MIN_VALUE;
        acc.stamp++;
        for (int i = 0; i < events.size(); i++) {
            int item = catalog.code(fields.viewed(events.row(i)));
            if (item < 0) {
                continue;
            }
            long t = events.micros(i);
            if (size > 0 && t - lastView > VISIT_GAP_MICROS) {
                count(acc.basket, size, acc.visits, acc.viewedPairs);
                size = 0;
                acc.stamp++;
            }
            lastView = t;
            if (size < MAX_BASKET && acc.mark[item] != acc.stamp) {
                acc.mark[item] = acc.stamp;
                acc.basket[size++] = item;
            }
        }
        count(acc.basket, size, acc.visits, acc.viewedPairs);
    }

    /** The person's distinct bought items, the most recent first, at most {@link #MAX_BASKET}. */
    private void boughtBasket(Acc acc, PersonEvents events) {
        int size = 0;
        acc.stamp++;
        for (int i = events.size() - 1; i >= 0 && size < MAX_BASKET; i--) {
            ProductFields.Line[] lines = fields.bought(events.row(i));
            for (int k = lines.length - 1; k >= 0 && size < MAX_BASKET; k--) {
                int item = catalog.code(lines[k].id());
                if (item >= 0 && acc.mark[item] != acc.stamp) {
                    acc.mark[item] = acc.stamp;
                    acc.basket[size++] = item;
                }
            }
        }
        count(acc.basket, size, acc.buyers, acc.boughtPairs);
        acc.purchasers += size > 0 ? 1 : 0;
    }

    /** One basket: each item once, each unordered pair once (keyed low * items + high). */
    private void count(int[] basket, int size, long[] singles, LongCounter pairs) {
        int[] items = Arrays.copyOf(basket, size);
        Arrays.sort(items);
        long n = catalog.size();
        for (int a = 0; a < size; a++) {
            singles[items[a]]++;
            for (int b = a + 1; b < size; b++) {
                pairs.add(items[a] * n + items[b], 1);
            }
        }
    }

    @Override
    public void merge(Acc into, Acc later) {
        for (int i = 0; i < into.buyers.length; i++) {
            into.buyers[i] += later.buyers[i];
            into.visits[i] += later.visits[i];
        }
        into.purchasers += later.purchasers;
        into.boughtPairs.addAll(later.boughtPairs);
        into.viewedPairs.addAll(later.viewedPairs);
    }

    @Override
    public RecommendationModel finish(Acc acc) {
        return new RecommendationModel(catalog, new RecommendationModel.Popularity(acc.buyers, acc.purchasers),
                Neighbours.cosine(acc.buyers, acc.boughtPairs, neighbours),
                Neighbours.cosine(acc.visits, acc.viewedPairs, neighbours));
    }
}

package io.waymark.core.kernel;

import io.waymark.core.query.Scope;

/**
 * A built recommendation model: the item catalogue, each item's "bought together" and "viewed together" neighbours
 * (see {@link RecommendationKernel}) and its popularity (persons who bought it). Engines build it once per data
 * version, since it folds every person; {@link Recommender} then answers one person in microseconds.
 */
public final class RecommendationModel {
    /** Neighbours kept per item and kind: enough for a page of recommendations from a handful of seeds. */
    public static final int NEIGHBOURS = 50;

    private final ItemCatalog catalog;
    private final Popularity popularity;
    private final Neighbours bought;
    private final Neighbours viewed;

    /** Persons who bought each item (by code), and persons who bought anything: a popularity ranking. */
    record Popularity(long[] buyers, long persons) {
        /** The share of the persons who bought {@code item}. */
        double share(int item) {
            return persons == 0 ? 0 : (double) buyers[item] / persons;
        }
    }

    RecommendationModel(ItemCatalog catalog, Popularity popularity, Neighbours bought, Neighbours viewed) {
        this.catalog = catalog;
        this.popularity = popularity;
        this.bought = bought;
        this.viewed = viewed;
    }

    /** Folds every person of {@code columns} (all their events) into a model. */
    public static RecommendationModel build(EventColumns columns) {
        ProductFields fields = new ProductFields(columns);
        ItemCatalog catalog = ItemCatalog.of(columns, fields);
        return KernelRunner.run(columns, Scope.ALL, new RecommendationKernel(fields, catalog, NEIGHBOURS)).result();
    }

    /** Everybody's popularity. */
    Popularity popularity() {
        return popularity;
    }

    /** The popularity among {@code members}: popular in a segment. */
    Popularity popularityAmong(EventColumns columns, PersonSet members) {
        ProductFields fields = new ProductFields(columns);
        return KernelRunner.run(columns, Scope.ALL, members, new BuyersKernel(fields, catalog)).result();
    }

    ItemCatalog catalog() {
        return catalog;
    }

    Neighbours bought() {
        return bought;
    }

    Neighbours viewed() {
        return viewed;
    }

    /** Counts, per item, the persons who bought it at least once; the last slot counts persons who bought anything. */
    private record BuyersKernel(ProductFields fields, ItemCatalog catalog) implements PersonKernel<long[], Popularity> {
        @Override
        public long[] newAccumulator() {
            return new long[catalog.size() + 1];
        }

        @Override
        public void person(long[] acc, PersonEvents events) {
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int i = 0; i < events.size(); i++) {
                for (ProductFields.Line l : fields.bought(events.row(i))) {
                    int item = catalog.code(l.id());
                    if (item >= 0 && seen.add(item)) {
                        acc[item]++;
                    }
                }
            }
            if (!seen.isEmpty()) {
                acc[catalog.size()]++;
            }
        }

        @Override
        public void merge(long[] into, long[] later) {
            for (int i = 0; i < into.length; i++) {
                into[i] += later[i];
            }
        }

        @Override
        public Popularity finish(long[] acc) {
            return new Popularity(java.util.Arrays.copyOf(acc, catalog.size()), acc[catalog.size()]);
        }
    }
}

package io.waymark.core.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recommends items to one person from a {@link RecommendationModel} and their own events: as in Linden, Smith and
 * York (2003), each of their recent items ("seeds": the last {@value #SEEDS} distinct items bought and the last
 * {@value #SEEDS} viewed) lends its similar items its similarity, weighted by recency ({@value #RECENCY} per step
 * back); bought seeds lend their bought-together neighbours, viewed seeds their viewed-together ones. Items they
 * bought are left out when asked; the rest of the list is filled with the most bought items (of a segment). Ties
 * break by item id, so the answer is deterministic.
 */
public final class Recommender {
    static final int SEEDS = 20;
    static final double RECENCY = 0.9;

    private final RecommendationModel model;
    private final EventColumns columns;
    private final ProductFields fields;

    public Recommender(RecommendationModel model, EventColumns columns) {
        this.model = model;
        this.columns = columns;
        this.fields = new ProductFields(columns);
    }

    /** The index of a person in the columns, or -1. */
    public int person(String personId) {
        for (int p = 0; personId != null && p < columns.persons(); p++) {
            if (columns.personId(p).equals(personId)) {
                return p;
            }
        }
        return -1;
    }

    /**
     * @param person index in the columns, or -1 for somebody without events (popular items only)
     * @param segment whose buyers rank the popular items, or null for everybody's
     */
    public RecommendationsResult recommend(int person, int n, boolean excludePurchased, PersonSet segment) {
        return rank(person, person < 0 ? new History() : history(person), n, excludePurchased,
                segment == null ? model.popularity() : model.popularityAmong(columns, segment), segment == null ? "popular" : "popular in segment");
    }

    /** The popularity baseline: everybody's most bought items, less the person's purchases when asked (no seeds). */
    public RecommendationsResult popular(int person, int n, boolean excludePurchased) {
        History h = new History();
        if (person >= 0) {
            h.everBought.addAll(history(person).everBought);
        }
        return rank(person, h, n, excludePurchased, model.popularity(), "popular");
    }

    private RecommendationsResult rank(int person, History h, int n, boolean excludePurchased, RecommendationModel.Popularity popularity,
            String popularReason) {
        ItemCatalog catalog = model.catalog();
        Set<Integer> excluded = excludePurchased ? h.everBought : Set.of();
        Map<Integer, Candidate> scored = new HashMap<>();
        lend(h.boughtSeeds, model.bought(), "bought together with ", excluded, scored);
        lend(h.viewedSeeds, model.viewed(), "viewed together with ", excluded, scored);
        List<Candidate> ranked = new ArrayList<>(scored.values());
        ranked.sort((a, b) -> a.score != b.score ? Double.compare(b.score, a.score) : Integer.compare(a.item, b.item));
        List<RecommendationsResult.Item> out = new ArrayList<>();
        Set<Integer> taken = new HashSet<>();
        for (Candidate c : ranked) {
            if (out.size() == n) {
                break;
            }
            taken.add(c.item);
            out.add(new RecommendationsResult.Item(catalog.id(c.item), catalog.name(c.item), c.score,
                    c.reason + label(catalog, c.because), catalog.id(c.because)));
        }
        for (int item : popular(popularity.buyers())) {
            if (out.size() == n) {
                break;
            }
            if (!taken.contains(item) && !excluded.contains(item)) {
                out.add(new RecommendationsResult.Item(catalog.id(item), catalog.name(item), popularity.share(item), popularReason, null));
            }
        }
        return new RecommendationsResult(person < 0 ? null : columns.personId(person), out);
    }

    /** Item codes with at least one buyer, most buyers first, ties by item id. */
    static List<Integer> popular(long[] buyers) {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < buyers.length; i++) {
            if (buyers[i] > 0) {
                items.add(i);
            }
        }
        items.sort((a, b) -> buyers[a] != buyers[b] ? Long.compare(buyers[b], buyers[a]) : Integer.compare(a, b));
        return items;
    }

    private static String label(ItemCatalog catalog, int item) {
        return catalog.name(item) != null ? catalog.name(item) : catalog.id(item);
    }

    private static final class Candidate {
        final int item;
        double score;
        /** The seed that lent the most, and through which table. */
        int because;
        double best = -1;
        String reason;

        Candidate(int item) {
            this.item = item;
        }
    }

    /** Seeds, most recent first, lend their neighbours similarity × recency. */
    private static void lend(List<Integer> seeds, Neighbours table, String reason, Set<Integer> excluded, Map<Integer, Candidate> scored) {
        double weight = 1;
        for (int seed : seeds) {
            int[] items = table.of(seed);
            double[] sims = table.similarities(seed);
            for (int k = 0; k < items.length; k++) {
                if (excluded.contains(items[k])) {
                    continue;
                }
                Candidate c = scored.computeIfAbsent(items[k], Candidate::new);
                double lent = weight * sims[k];
                c.score += lent;
                // strictly greater: on equal loans the more recent seed (seen first) stays the reason
                if (lent > c.best) {
                    c.best = lent;
                    c.because = seed;
                    c.reason = reason;
                }
            }
            weight *= RECENCY;
        }
    }

    /** A person's seeds and everything they ever bought, read backwards from their last event. */
    private static final class History {
        final List<Integer> boughtSeeds = new ArrayList<>();
        final List<Integer> viewedSeeds = new ArrayList<>();
        final Set<Integer> everBought = new HashSet<>();
    }

    private History history(int person) {
        ItemCatalog catalog = model.catalog();
        Set<Integer> bought = new LinkedHashSet<>();
        Set<Integer> viewed = new LinkedHashSet<>();
        for (int row = columns.personEnd(person) - 1; row >= columns.personStart(person); row--) {
            ProductFields.Line[] lines = fields.bought(row);
            for (int k = lines.length - 1; k >= 0; k--) {
                int item = catalog.code(lines[k].id());
                if (item >= 0) {
                    bought.add(item);
                }
            }
            int v = catalog.code(fields.viewed(row));
            if (v >= 0 && viewed.size() < SEEDS) {
                viewed.add(v);
            }
        }
        History h = new History();
        h.everBought.addAll(bought);
        bought.stream().limit(SEEDS).forEach(h.boughtSeeds::add);
        h.viewedSeeds.addAll(viewed);
        return h;
    }
}

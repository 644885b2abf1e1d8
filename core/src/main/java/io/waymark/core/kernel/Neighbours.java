package io.waymark.core.kernel;

/**
 * Each item's most similar items by one kind of co-occurrence, at most {@code k} of them, most similar first and ties
 * by item code (that is, by item id): the similar-items table of item-to-item collaborative filtering (Linden, Smith
 * and York 2003), bounded so that memory grows with items, not with pairs.
 */
final class Neighbours {
    private final int[][] items;
    private final double[][] similarity;

    private Neighbours(int[][] items, double[][] similarity) {
        this.items = items;
        this.similarity = similarity;
    }

    /**
     * Cosine similarity of binary item vectors over baskets: {@code together(a,b) / sqrt(baskets(a) * baskets(b))}.
     * Unlike a raw co-occurrence count it does not make every item a neighbour of the bestsellers; unlike Jaccard it
     * is the measure Linden et al. use.
     *
     * @param baskets baskets holding each item
     * @param pairs baskets holding both items of a pair, keyed {@code low * items + high}
     */
    static Neighbours cosine(long[] baskets, LongCounter pairs, int k) {
        int n = baskets.length;
        int[] degree = new int[n];
        pairs.forEach((key, count) -> {
            degree[(int) (key / n)]++;
            degree[(int) (key % n)]++;
        });
        int[][] items = new int[n][];
        double[][] sims = new double[n][];
        for (int i = 0; i < n; i++) {
            items[i] = new int[degree[i]];
            sims[i] = new double[degree[i]];
        }
        int[] filled = new int[n];
        pairs.forEach((key, count) -> {
            int a = (int) (key / n);
            int b = (int) (key % n);
            double s = count / Math.sqrt((double) baskets[a] * baskets[b]);
            items[a][filled[a]] = b;
            sims[a][filled[a]++] = s;
            items[b][filled[b]] = a;
            sims[b][filled[b]++] = s;
        });
        for (int i = 0; i < n; i++) {
            keepTop(items, sims, i, k);
        }
        return new Neighbours(items, sims);
    }

    /** Sorts item {@code i}'s neighbours by similarity (descending), then code, and keeps the first {@code k}. */
    private static void keepTop(int[][] items, double[][] sims, int i, int k) {
        int m = items[i].length;
        Integer[] order = new Integer[m];
        for (int j = 0; j < m; j++) {
            order[j] = j;
        }
        int[] it = items[i];
        double[] si = sims[i];
        java.util.Arrays.sort(order, (x, y) -> si[x] != si[y] ? Double.compare(si[y], si[x]) : Integer.compare(it[x], it[y]));
        int keep = Math.min(k, m);
        int[] topItems = new int[keep];
        double[] topSims = new double[keep];
        for (int j = 0; j < keep; j++) {
            topItems[j] = it[order[j]];
            topSims[j] = si[order[j]];
        }
        items[i] = topItems;
        sims[i] = topSims;
    }

    /** The neighbours of {@code item}, most similar first. */
    int[] of(int item) {
        return items[item];
    }

    /** Their similarities, in the same order. */
    double[] similarities(int item) {
        return similarity[item];
    }
}

package io.waymark.core.kernel;

import java.util.List;

/**
 * Recommended items, best first (semantics in {@link io.waymark.core.query.RecommendationsSpec}). {@code personId} is
 * null when the identity was never seen. Scores rank within one reason family only: a collaborative score sums
 * cosine similarities, a popular item's score is the share of the (segment's) buyers who bought it, and every
 * collaborative item comes before every popular one.
 */
public record RecommendationsResult(String personId, List<Item> items) {
    /**
     * @param reason "bought together with X", "viewed together with X", "popular in segment" or "popular"
     * @param because the item id behind the reason (X), null for popular items
     */
    public record Item(String itemId, String name, double score, String reason, String because) {
    }
}

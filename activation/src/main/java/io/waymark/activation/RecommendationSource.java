package io.waymark.activation;

import io.waymark.core.kernel.RecommendationsResult;
import java.util.List;

/**
 * A person's recommended items for templates whose model brings none; the server wires it to the store's
 * recommender (the {@code recommendations} query kind), so emails recommend what {@code GET /api/v1/recommendations} does.
 */
@FunctionalInterface
public interface RecommendationSource {
    RecommendationSource NONE = (personId, n) -> List.of();

    List<RecommendationsResult.Item> recommend(String personId, int n);
}

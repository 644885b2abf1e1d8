package io.waymark.activation;

import java.util.List;
import java.util.Map;

/**
 * A person's recommended items for message templates ({@code itemId}, {@code name}, {@code reason}, …), as the
 * {@code recommendations} query kind gives them. The server answers it with its query engine; a send step asks for
 * them with the setting {@code "recommendations": N}.
 */
@FunctionalInterface
public interface Recommendations {
    Recommendations NONE = (personId, n) -> List.of();

    List<Map<String, Object>> forPerson(String personId, int n);
}

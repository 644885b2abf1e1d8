package io.waymark.store;

import java.util.List;

/** A person and every identity the person map gives them. */
public record PersonIdentities(String personId, List<String> userIds, List<String> anonymousIds) {
}

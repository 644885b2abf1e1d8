package io.waymark.core.identity;

import java.util.List;
import java.util.Map;

/**
 * The outcome of identity resolution: the person of every identity, and each merge that was
 * refused by the guard rail (so operators can see and, if needed, repair it with an alias).
 */
public record IdentityResolution(Map<IdentityKey, String> personOf, List<RefusedMerge> refused) {
    public record RefusedMerge(IdentityEdge edge, String reason) {
    }

    public String personOf(IdentityKey key) {
        return personOf.get(key);
    }
}

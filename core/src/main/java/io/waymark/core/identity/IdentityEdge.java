package io.waymark.core.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * A link between two identities seen at {@code at}. {@code IDENTIFY} ties an anonymous id to a
 * user id (any message carrying both); {@code ALIAS} is an explicit merge of {@code from}
 * (a previous user or anonymous id) into the user id {@code to}.
 */
public record IdentityEdge(Kind kind, String from, String to, Instant at) {
    public enum Kind { IDENTIFY, ALIAS }

    public IdentityEdge {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        Objects.requireNonNull(at);
    }
}

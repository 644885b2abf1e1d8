package io.waymark.store;

import io.waymark.core.Digests;
import io.waymark.core.event.Event;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identities of forgotten persons, as SHA-256 digests of the ids (UTF-8, lower-case hex,
 * the same as DuckDB's {@code sha256()}), so the store keeps no readable id of someone it was
 * asked to forget. An event is covered when its user id, anonymous id or alias previous id is
 * one of them: such events are refused at ingestion and import (counted as {@code forgotten})
 * and dropped by the load into the store, so a retry, a re-import or a log replay cannot bring
 * the person back. User ids and anonymous ids are separate namespaces, as in the person map;
 * a previous id may name either.
 *
 * <p>An unsalted digest of a guessable id (an e-mail address used as user id) can be confirmed by
 * someone holding the database and a candidate id; that is the price of recognising the id again
 * without keeping it.
 *
 * <p>The set mirrors {@code forgotten_identities} in memory so the ingestion path tests events
 * without a query; while it is empty (the usual case) nothing is hashed at all.
 */
public final class Tombstones {
    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    static String sha256(String id) {
        return Digests.sha256Hex(id);
    }

    private static String key(boolean user, String hash) {
        return (user ? "u:" : "a:") + hash;
    }

    void add(boolean user, String hash) {
        keys.add(key(user, hash));
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** Whether the event carries an identity of a forgotten person. */
    public boolean covers(Event e) {
        return covers(e.userId(), e.anonymousId(), e.previousId());
    }

    public boolean covers(String userId, String anonymousId, String previousId) {
        if (keys.isEmpty()) {
            return false;
        }
        if (userId != null && keys.contains(key(true, sha256(userId)))) {
            return true;
        }
        if (anonymousId != null && keys.contains(key(false, sha256(anonymousId)))) {
            return true;
        }
        if (previousId != null) {
            String h = sha256(previousId);
            return keys.contains(key(true, h)) || keys.contains(key(false, h));
        }
        return false;
    }
}

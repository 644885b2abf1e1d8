package io.waymark.store;

import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.query.ProfileSpec;
import java.time.Instant;
import java.util.List;

/** In-app messages waiting for a person's site or app to show them; the id is the send's idempotency key. */
public final class InAppMessages {
    public record Cta(String label, String url) {
    }

    public record Message(String id, String journey, String step, String title, String body, Cta cta, Instant createdAt) {
    }

    private final DuckDbEventStore store;

    public InAppMessages(DuckDbEventStore store) {
        this.store = store;
    }

    /** Stores a message unless one with that id exists (a retried send); returns whether it was new. */
    public boolean add(String id, String personId, String journeyKey, String stepId, String title, String body, String ctaLabel,
                       String ctaUrl, Instant now) {
        return Sql.transaction(store, "save in-app messages", c -> Sql.update(c,
                "INSERT INTO inapp_messages SELECT ?, ?, ?, ?, ?, ?, ?, ?, make_timestamp(?), NULL"
                        + " WHERE NOT EXISTS (SELECT 1 FROM inapp_messages WHERE id = ?)",
                id, personId, journeyKey, stepId, title, body, ctaLabel, ctaUrl, now, id) > 0);
    }

    /**
     * The unseen messages of the person with that identity, oldest first; an unknown identity has none. The person map
     * is read as the scheduler last refreshed it (it does before every tick that sends), so a site polling this route
     * never makes a request pay for re-resolving identities.
     */
    public List<Message> pending(ProfileSpec.Lookup by, String identity) {
        return Sql.read(store, "read in-app messages", c -> Sql.query(c,
                "SELECT id, journey_key, step_id, title, body, cta_label, cta_url, epoch_us(created_at) FROM inapp_messages"
                        + " WHERE seen_at IS NULL AND person_id IN (SELECT person_id FROM person_map WHERE is_user = ? AND identity = ?)"
                        + " ORDER BY created_at, id",
                rs -> new Message(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6) == null && rs.getString(7) == null ? null : new Cta(rs.getString(6), rs.getString(7)),
                        Sql.instant(rs, 8)),
                by == ProfileSpec.Lookup.USER_ID, identity));
    }

    /** Marks a message shown; NOT_FOUND when there is no such message. */
    public void seen(String id, Instant now) {
        long n = Sql.transaction(store, "update in-app messages", c -> Sql.update(c,
                "UPDATE inapp_messages SET seen_at = coalesce(seen_at, make_timestamp(?)) WHERE id = ?", now, id));
        if (n == 0) {
            throw new WaymarkException(ErrorCode.NOT_FOUND, "id", "no in-app message with id '" + id + "'");
        }
    }
}

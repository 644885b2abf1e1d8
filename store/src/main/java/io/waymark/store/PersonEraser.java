package io.waymark.store;

import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.query.ProfileSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.LinkedHashMap;

/**
 * Forgets a person (GDPR art. 17): in one DuckDB transaction it deletes every event carrying one of
 * their identities, their rows in every {@link PersonDataTables} table, records a tombstone per
 * identity and bumps the data version, so the person map, the event columns and the churn
 * scores are rebuilt without them. A crash before the commit leaves the person whole (run it
 * again); after it, nothing of theirs is left in the store.
 *
 * <p>It runs while no append can commit, after refreshing the person map: an identity that
 * joined the person just before is forgotten with them, and events loaded later that carry one
 * of the identities are dropped by the tombstones.
 */
public final class PersonEraser {
    private final DuckDbEventStore store;
    private final Clock clock;

    public PersonEraser(DuckDbEventStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The person as the lookup finds them now, or NOT_FOUND naming the field. */
    public PersonIdentities find(ProfileSpec.Lookup by, String id) {
        store.personMap().refresh();
        try (Connection c = store.newConnection()) {
            return PersonLookup.find(c, by, id);
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot look up the person: " + e.getMessage(), e);
        }
    }

    public ForgetReport forget(ProfileSpec.Lookup by, String id) {
        return store.exclusively(() -> {
            store.personMap().refresh();
            try (Connection c = store.newConnection()) {
                c.setAutoCommit(false);
                try {
                    ForgetReport report = erase(c, PersonLookup.find(c, by, id));
                    c.commit();
                    report.userIds().forEach(u -> store.tombstones().add(true, Tombstones.sha256(u)));
                    report.anonymousIds().forEach(a -> store.tombstones().add(false, Tombstones.sha256(a)));
                    return report;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot forget the person: " + e.getMessage(), e);
            }
        });
    }

    private ForgetReport erase(Connection c, PersonIdentities person) throws SQLException {
        PersonLookup.stage(c, person);
        var removed = new LinkedHashMap<String, Long>();
        for (PersonDataTables.Table t : PersonDataTables.ALL) {
            if (PersonLookup.exists(c, t.name())) {
                try (Statement s = c.createStatement()) {
                    removed.put(t.name(), (long) s.executeUpdate("DELETE FROM " + t.name() + " WHERE " + PersonDataTables.where(t)));
                }
            }
        }
        int tombstones;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO forgotten_identities SELECT DISTINCT is_user, sha256(identity), make_timestamp(?) FROM person_ids
                ON CONFLICT DO NOTHING""")) {
            ps.setLong(1, DuckDbEventStore.micros(clock.instant()));
            tombstones = ps.executeUpdate();
        }
        try (Statement s = c.createStatement()) {
            s.execute("UPDATE loader_checkpoint SET version = version + 1");
        }
        return new ForgetReport(person.personId(), person.userIds(), person.anonymousIds(), removed, tombstones);
    }
}

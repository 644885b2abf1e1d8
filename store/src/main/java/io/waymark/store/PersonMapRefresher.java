package io.waymark.store;

import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.identity.IdentityEdge;
import io.waymark.core.identity.IdentityKey;
import io.waymark.core.identity.IdentityResolution;
import io.waymark.core.identity.IdentityResolver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Keeps the {@code person_map} table (identity → person) in step with the events: when the data
 * version moved since the map was built, it reads identities and edges from the events, resolves
 * them with the core {@link IdentityResolver} and replaces the map in one transaction.
 */
public final class PersonMapRefresher {
    private final DuckDbEventStore store;
    private final IdentityResolver resolver = new IdentityResolver();

    public PersonMapRefresher(DuckDbEventStore store) {
        this.store = store;
    }

    /** Makes the person map current; cheap when nothing changed. */
    public synchronized void refresh() {
        long version = store.version();
        if (store.queryLong("SELECT version FROM person_map_state") == version) {
            return;
        }
        try (Connection c = store.newConnection()) {
            Map<IdentityKey, Instant> firstSeen = new HashMap<>();
            List<IdentityEdge> edges = new ArrayList<>();
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("""
                        SELECT true, user_id, epoch_us(min(ts)) FROM events WHERE user_id IS NOT NULL GROUP BY user_id
                        UNION ALL
                        SELECT false, anonymous_id, epoch_us(min(ts)) FROM events WHERE anonymous_id IS NOT NULL GROUP BY anonymous_id""")) {
                    while (rs.next()) {
                        firstSeen.put(new IdentityKey(rs.getBoolean(1), rs.getString(2)), DuckDbEventStore.instant(rs.getLong(3)));
                    }
                }
                try (ResultSet rs = s.executeQuery("""
                        SELECT 'IDENTIFY', anonymous_id, user_id, epoch_us(min(ts)) FROM events
                          WHERE anonymous_id IS NOT NULL AND user_id IS NOT NULL GROUP BY anonymous_id, user_id
                        UNION ALL
                        SELECT 'ALIAS', previous_id, user_id, epoch_us(min(ts)) FROM events
                          WHERE type = 'alias' AND previous_id IS NOT NULL AND user_id IS NOT NULL GROUP BY previous_id, user_id""")) {
                    while (rs.next()) {
                        edges.add(new IdentityEdge(IdentityEdge.Kind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                                DuckDbEventStore.instant(rs.getLong(4))));
                    }
                }
            }
            IdentityResolution resolution = resolver.resolve(firstSeen, edges);
            write(c, resolution, version);
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot resolve identities: " + e.getMessage(), e);
        }
    }

    private static void write(Connection c, IdentityResolution resolution, long version) throws SQLException {
        AtomicAppend.run(c, "anonymous_id VARCHAR, user_id VARCHAR, seen_at TIMESTAMP, reason VARCHAR", a -> {
            for (var r : resolution.refused()) {
                a.beginRow().append(r.edge().from()).append(r.edge().to())
                        .appendEpochMicros(DuckDbEventStore.micros(r.edge().at())).append(r.reason()).endRow();
            }
        }, x -> {
            AtomicAppend.execute(x, "DELETE FROM refused_merges");
            AtomicAppend.execute(x, "INSERT INTO refused_merges SELECT * FROM " + AtomicAppend.STAGE);
        });
        AtomicAppend.run(c, "is_user BOOLEAN, identity VARCHAR, person_id VARCHAR", a -> {
            for (var e : resolution.personOf().entrySet()) {
                a.beginRow().append(e.getKey().user()).append(e.getKey().id()).append(e.getValue()).endRow();
            }
        }, x -> {
            AtomicAppend.execute(x, "DELETE FROM person_map");
            AtomicAppend.execute(x, "INSERT INTO person_map SELECT * FROM " + AtomicAppend.STAGE);
            try (PreparedStatement ps = x.prepareStatement("UPDATE person_map_state SET version = ?")) {
                ps.setLong(1, version);
                ps.executeUpdate();
            }
        });
    }
}

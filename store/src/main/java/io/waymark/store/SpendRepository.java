package io.waymark.store;

import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.Channel;
import io.waymark.core.spend.SpendEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The imported marketing spend: one row per (date, channel, campaign), replaced when imported again. */
public final class SpendRepository {
    private final DuckDbEventStore store;

    public SpendRepository(DuckDbEventStore store) {
        this.store = store;
    }

    /**
     * Inserts or replaces {@code entries} in one transaction; returns how many rows were written. Spend is kept in one
     * currency (money is never converted), so an import whose currency differs from the rows it would keep is refused.
     */
    public int upsert(List<SpendEntry> entries) {
        java.util.Set<String> currencies = new java.util.TreeSet<>();
        java.util.Set<String> replaced = new java.util.HashSet<>();
        for (SpendEntry e : entries) {
            currencies.add(e.currency());
            replaced.add(e.date() + "|" + e.channel().wireName() + "|" + e.campaign());
        }
        for (SpendEntry e : all()) {
            if (!replaced.contains(e.date() + "|" + e.channel().wireName() + "|" + e.campaign())) {
                currencies.add(e.currency());
            }
        }
        if (currencies.size() > 1) {
            throw WaymarkException.invalid("currency", "spend must be in one currency so that CAC, ROAS and ROI compare like with like;"
                    + " this import would mix " + String.join(", ", currencies));
        }
        try (Connection c = store.newConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO spend VALUES (?, ?, ?, ?, ?, make_timestamp(?))")) {
                long now = DuckDbEventStore.micros(Instant.now());
                for (SpendEntry e : entries) {
                    ps.setObject(1, e.date());
                    ps.setString(2, e.channel().wireName());
                    ps.setString(3, e.campaign());
                    ps.setDouble(4, e.cost());
                    ps.setString(5, e.currency());
                    ps.setLong(6, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            return entries.size();
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot store spend: " + e.getMessage(), e);
        }
    }

    public List<SpendEntry> all() {
        List<SpendEntry> out = new ArrayList<>();
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT date, channel, campaign, cost, currency FROM spend ORDER BY date, channel, campaign");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new SpendEntry(rs.getObject(1, java.time.LocalDate.class), Channel.fromWire(rs.getString(2)), rs.getString(3),
                        rs.getDouble(4), rs.getString(5)));
            }
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot read spend: " + e.getMessage(), e);
        }
        return out;
    }
}

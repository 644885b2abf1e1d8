package io.waymark.activation.link;

import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.store.DuckDbEventStore;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Secrets generated once per data directory and kept in its store ({@code signing_keys}), so links in emails sent
 * before a restart still verify after it. Not person data: forget and export leave them alone.
 */
public final class SigningKeys {
    public static final String LINKS = "links";
    private static final int BYTES = 32; // 256 bits, the HMAC-SHA256 block-size guidance of RFC 2104 §3 (at least L = 32 bytes)

    private SigningKeys() {
    }

    /** The secret named {@code name}, created on first use. */
    public static byte[] loadOrCreate(DuckDbEventStore store, String name, Clock clock) {
        try (Connection c = store.newConnection()) {
            byte[] secret = new byte[BYTES];
            new SecureRandom().nextBytes(secret);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO signing_keys VALUES (?, ?, make_timestamp(?)) ON CONFLICT DO NOTHING")) {
                ps.setString(1, name);
                ps.setBytes(2, secret);
                ps.setLong(3, DuckDbEventStore.micros(clock.instant()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT secret FROM signing_keys WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBytes(1);
                }
            }
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot read the signing key '" + name + "': " + e.getMessage(), e);
        }
    }

    public static LinkSigner linkSigner(DuckDbEventStore store, Clock clock) {
        return new LinkSigner(loadOrCreate(store, LINKS, clock));
    }
}

package io.waymark.store;

import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** Sources of events, each with a secret write key that authenticates its ingestion calls. */
public final class SourceRepository {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}");
    private final DuckDbEventStore store;
    private final SecureRandom random = new SecureRandom();

    public record Source(String name, String writeKey, Instant createdAt) {
    }

    public SourceRepository(DuckDbEventStore store) {
        this.store = store;
    }

    public Source add(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw WaymarkException.invalid("name", "source name must be 1-64 letters, digits, spaces, '_', '.' or '-'");
        }
        byte[] key = new byte[20];
        random.nextBytes(key);
        var source = new Source(name, "wk_" + HexFormat.of().formatHex(key), Instant.now());
        try (Connection c = store.newConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM sources WHERE name = ?");
             PreparedStatement ps = c.prepareStatement("INSERT INTO sources VALUES (?, ?, make_timestamp(?))")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    throw WaymarkException.invalid("name", "a source named '" + name + "' already exists");
                }
            }
            ps.setString(1, source.name());
            ps.setString(2, source.writeKey());
            ps.setLong(3, DuckDbEventStore.micros(source.createdAt()));
            ps.executeUpdate();
            return source;
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot save source: " + e.getMessage(), e);
        }
    }

    public List<Source> list() {
        try (Connection c = store.newConnection();
             PreparedStatement ps = c.prepareStatement("SELECT name, write_key, epoch_us(created_at) FROM sources ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            var out = new ArrayList<Source>();
            while (rs.next()) {
                out.add(new Source(rs.getString(1), rs.getString(2), DuckDbEventStore.instant(rs.getLong(3))));
            }
            return out;
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot list sources: " + e.getMessage(), e);
        }
    }
}

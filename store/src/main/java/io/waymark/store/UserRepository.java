package io.waymark.store;

import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.user.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Dashboard users with their role and password hash (table {@code users}); hashing is the caller's job. */
public final class UserRepository {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");
    private final DuckDbEventStore store;

    public record User(String name, Role role, Instant createdAt) {
    }

    /** A user with the hash their password is checked against. */
    public record Credentials(User user, String passwordHash) {
    }

    public UserRepository(DuckDbEventStore store) {
        this.store = store;
    }

    /** Throws an error naming {@code field} unless {@code name} is 1-64 letters, digits, '_', '.', '@' or '-'. */
    public static void checkName(String name, String field) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw WaymarkException.invalid(field, "user name must be 1-64 letters, digits, '_', '.', '@' or '-'");
        }
    }

    public User add(String name, Role role, String passwordHash, Instant now) {
        checkName(name, "name");
        var user = new User(name, role, now);
        try (Connection c = store.newConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO users VALUES (?, ?, ?, make_timestamp(?)) ON CONFLICT DO NOTHING")) {
            ps.setString(1, name);
            ps.setString(2, role.wireName());
            ps.setString(3, passwordHash);
            ps.setLong(4, DuckDbEventStore.micros(now));
            if (ps.executeUpdate() == 0) {
                throw new WaymarkException(ErrorCode.CONFLICT, "name", "a user named '" + name + "' already exists");
            }
            return user;
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot save user: " + e.getMessage(), e);
        }
    }

    public Optional<Credentials> credentials(String name) {
        try (Connection c = store.newConnection();
             PreparedStatement ps = c.prepareStatement("SELECT name, role, epoch_us(created_at), password_hash FROM users WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Credentials(user(rs), rs.getString(4))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot read user: " + e.getMessage(), e);
        }
    }

    public List<User> list() {
        try (Connection c = store.newConnection();
             PreparedStatement ps = c.prepareStatement("SELECT name, role, epoch_us(created_at) FROM users ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            var out = new ArrayList<User>();
            while (rs.next()) {
                out.add(user(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot list users: " + e.getMessage(), e);
        }
    }

    /** @return whether a user of that name existed */
    public boolean delete(String name) {
        try (Connection c = store.newConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new WaymarkException(ErrorCode.IO_FAILURE, "cannot delete user: " + e.getMessage(), e);
        }
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString(1), Role.parse(rs.getString(2), "role"), DuckDbEventStore.instant(rs.getLong(3)));
    }
}

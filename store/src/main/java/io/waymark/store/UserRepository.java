package io.waymark.store;

import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.user.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
        long added = Sql.read(store, "save user", c -> Sql.update(c,
                "INSERT INTO users VALUES (?, ?, ?, make_timestamp(?)) ON CONFLICT DO NOTHING", name, role.wireName(), passwordHash, now));
        if (added == 0) {
            throw new WaymarkException(ErrorCode.CONFLICT, "name", "a user named '" + name + "' already exists");
        }
        return new User(name, role, now);
    }

    public Optional<Credentials> credentials(String name) {
        return Sql.read(store, "read user", c -> Sql.query(c, "SELECT name, role, epoch_us(created_at), password_hash FROM users WHERE name = ?",
                rs -> new Credentials(user(rs), rs.getString(4)), name)).stream().findFirst();
    }

    public List<User> list() {
        return Sql.read(store, "list users", c -> Sql.query(c, "SELECT name, role, epoch_us(created_at) FROM users ORDER BY name", UserRepository::user));
    }

    /** @return whether a user of that name existed */
    public boolean delete(String name) {
        return Sql.read(store, "delete user", c -> Sql.update(c, "DELETE FROM users WHERE name = ?", name)) > 0;
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString(1), Role.parse(rs.getString(2), "role"), DuckDbEventStore.instant(rs.getLong(3)));
    }
}

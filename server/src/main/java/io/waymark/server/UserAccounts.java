package io.waymark.server;

import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.user.Role;
import io.waymark.store.DuckDbEventStore;
import io.waymark.store.UserRepository;
import io.waymark.store.UserRepository.User;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/** Dashboard users: creating them with a hashed password (given or generated), checking a login, listing, deleting. */
public final class UserAccounts {
    /** NIST SP 800-63B §5.1.1.2: at least 8 characters, and allow long passphrases. */
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 256;
    private final UserRepository users;
    private final PasswordHasher hasher = new PasswordHasher();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    /**
     * Each Argon2id check holds 19 MiB and a core for a moment; without a bound, a burst of logins (a password-guessing
     * script spreading over many names) could exhaust the heap. Checks beyond it wait their turn, in order.
     */
    private final Semaphore hashing = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), true);
    /** Checked when the name is unknown, so that an unknown name costs as long as a wrong password. */
    private static final String DECOY_HASH = PasswordHasher.unmatchable();

    /** A new user and, when none was given, the password generated for them (else null). */
    public record Added(User user, String generatedPassword) {
    }

    public UserAccounts(DuckDbEventStore store, Clock clock) {
        this.users = new UserRepository(store);
        this.clock = clock;
    }

    /** @param password the password, or null to generate one (returned once, never stored) */
    public Added add(String name, Role role, String password) {
        UserRepository.checkName(name, "name");
        String generated = null;
        if (password == null) {
            byte[] bytes = new byte[15];
            random.nextBytes(bytes);
            generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            password = generated;
        } else if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw WaymarkException.invalid("password", "a password needs " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        if (users.credentials(name).isPresent()) {
            throw new WaymarkException(ErrorCode.CONFLICT, "name", "a user named '" + name + "' already exists");
        }
        String p = password;
        return new Added(users.add(name, role, bounded(() -> hasher.hash(p)), clock.instant()), generated);
    }

    /** The user whose name and password these are; empty for an unknown name or a wrong password alike. */
    Optional<User> authenticate(String name, String password) {
        Optional<UserRepository.Credentials> found = name == null ? Optional.empty() : users.credentials(name);
        String hash = found.map(UserRepository.Credentials::passwordHash).orElse(DECOY_HASH);
        boolean matches = password != null && password.length() <= MAX_PASSWORD && bounded(() -> hasher.verify(password, hash));
        return matches && found.isPresent() ? Optional.of(found.get().user()) : Optional.empty();
    }

    private <T> T bounded(Supplier<T> work) {
        hashing.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            hashing.release();
        }
    }

    public List<User> list() {
        return users.list();
    }

    public void delete(String name) {
        if (!users.delete(name)) {
            throw new WaymarkException(ErrorCode.NOT_FOUND, "name", "no user named '" + name + "'");
        }
    }
}

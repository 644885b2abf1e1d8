package io.waymark.server;

import io.waymark.core.Digests;
import io.waymark.store.UserRepository.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login sessions, kept in memory (a restart logs everyone out). A session is a random 256-bit token in a cookie and a
 * second random token the page echoes in {@code X-CSRF-Token} (OWASP's synchronizer token pattern). Sessions end after
 * {@link #IDLE} without a request. Only a SHA-256 of each cookie token is kept, so a heap dump yields no usable cookie
 * and looking one up compares digests rather than the secret itself.
 */
final class Sessions {
    static final Duration IDLE = Duration.ofHours(12);
    private static final int TOKEN_BYTES = 32;
    private final Map<String, Session> byDigest = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    /** A live session; {@code lastSeen} moves with every authenticated request. */
    static final class Session {
        final User user;
        final String csrfToken;
        volatile Instant lastSeen;

        Session(User user, String csrfToken, Instant lastSeen) {
            this.user = user;
            this.csrfToken = csrfToken;
            this.lastSeen = lastSeen;
        }

        /** Constant-time, so the token cannot be guessed byte by byte from response times. */
        boolean csrfMatches(String header) {
            return header != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A new session and the cookie token that names it (only the client keeps the token). */
    record Started(String cookieToken, Session session) {
    }

    Sessions(Clock clock) {
        this.clock = clock;
    }

    Started start(User user) {
        purgeExpired();
        String token = token();
        var session = new Session(user, token(), clock.instant());
        byDigest.put(digest(token), session);
        return new Started(token, session);
    }

    /** The live session named by {@code cookieToken}, touched; empty when unknown or idle too long (then removed). */
    Optional<Session> find(String cookieToken) {
        if (cookieToken == null || cookieToken.isEmpty()) {
            return Optional.empty();
        }
        String key = digest(cookieToken);
        Session s = byDigest.get(key);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(s, now)) {
            byDigest.remove(key, s);
            return Optional.empty();
        }
        s.lastSeen = now;
        return Optional.of(s);
    }

    void end(String cookieToken) {
        if (cookieToken != null) {
            byDigest.remove(digest(cookieToken));
        }
    }

    /** Ends every session of a user (when the user is deleted). */
    void endAllOf(String userName) {
        byDigest.values().removeIf(s -> s.user.name().equals(userName));
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        byDigest.values().removeIf(s -> expired(s, now));
    }

    private static boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastSeen.plus(IDLE));
    }

    private String token() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String digest(String token) {
        return Digests.sha256Hex(token);
    }
}

package io.waymark.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.user.Role;
import io.waymark.store.UserRepository.User;
import java.time.Duration;
import java.util.Locale;

/**
 * Logins and the filter in front of every {@code /api/} route: a session cookie (HttpOnly, SameSite=Strict), the
 * session's CSRF token on every change, and the role {@link AccessPolicy} asks for. Wrong names and wrong passwords get
 * the same 401 after the same work ({@link UserAccounts#authenticate}); repeated failures slow down ({@link LoginThrottle}).
 */
final class AuthHandlers {
    static final String COOKIE = "waymark_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String SESSION = "waymark.session";
    private static final int MAX_LOGIN_BYTES = 4096;
    private final UserAccounts accounts;
    private final Sessions sessions;
    private final LoginThrottle throttle;

    AuthHandlers(UserAccounts accounts, Sessions sessions, LoginThrottle throttle) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    /** Before every {@code /api/*} request: 401 without a live session, 403 without the CSRF token or the role needed. */
    void filter(Context ctx) {
        String path = ctx.path();
        if (AccessPolicy.withoutSession(path)) {
            return;
        }
        Sessions.Session session = sessions.find(ctx.cookie(COOKIE)).orElseThrow(() ->
                new WaymarkException(ErrorCode.UNAUTHORIZED, COOKIE, "log in first: POST /api/v1/login"));
        String method = ctx.method().name();
        if (AccessPolicy.needsCsrf(method, path) && !session.csrfMatches(ctx.header(CSRF_HEADER))) {
            throw new WaymarkException(ErrorCode.FORBIDDEN, CSRF_HEADER, "send the session's CSRF token in " + CSRF_HEADER);
        }
        Role needed = AccessPolicy.required(method, path);
        if (!session.user.role().includes(needed)) {
            throw new WaymarkException(ErrorCode.FORBIDDEN, "role", "this needs the " + needed.wireName() + " role; you are "
                    + session.user.role().wireName());
        }
        ctx.attribute(SESSION, session);
    }

    /**
     * {@code {"username","password"}} → the user and a CSRF token, with the session cookie. Only JSON is accepted: a
     * cross-site form cannot send it without a CORS preflight, which this API never grants, so no other site can log a
     * browser in to an account of its choosing.
     */
    void login(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw WaymarkException.invalid("Content-Type", "send the login as application/json");
        }
        JsonNode body = RequestBodies.readJson(ctx, MAX_LOGIN_BYTES).json();
        String name = text(body, "username");
        String password = text(body, "password");
        Duration wait = throttle.attempt(name);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            ctx.header("Retry-After", String.valueOf(seconds));
            throw new WaymarkException(ErrorCode.TOO_MANY_REQUESTS, "username", "too many failed logins; try again in " + seconds + " s");
        }
        User user = accounts.authenticate(name, password).orElse(null);
        if (user == null) {
            throw new WaymarkException(ErrorCode.UNAUTHORIZED, "password", "wrong user name or password");
        }
        throttle.succeeded(name);
        Sessions.Started started = sessions.start(user);
        ctx.header("Set-Cookie", COOKIE + "=" + started.cookieToken() + "; Path=/; HttpOnly; SameSite=Strict" + (secure(ctx) ? "; Secure" : ""));
        ctx.json(me(started.session()));
    }

    void me(Context ctx) {
        ctx.json(me(session(ctx)));
    }

    void logout(Context ctx) {
        sessions.end(ctx.cookie(COOKIE));
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure(ctx) ? "; Secure" : ""));
        ctx.status(204);
    }

    /** The session the filter found for this request. */
    static Sessions.Session session(Context ctx) {
        Sessions.Session s = ctx.attribute(SESSION);
        if (s == null) {
            throw new WaymarkException(ErrorCode.UNAUTHORIZED, COOKIE, "log in first: POST /api/v1/login");
        }
        return s;
    }

    private static ObjectNode me(Sessions.Session s) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.putObject("user").put("name", s.user.name()).put("role", s.user.role().wireName());
        out.put("csrfToken", s.csrfToken);
        return out;
    }

    /** Over https (directly, or as a reverse proxy says) the cookie must never travel over plain http. */
    private static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw WaymarkException.missing(field);
        }
        if (!v.isTextual()) {
            throw WaymarkException.invalid(field, "'" + field + "' must be a string");
        }
        return v.asText();
    }
}

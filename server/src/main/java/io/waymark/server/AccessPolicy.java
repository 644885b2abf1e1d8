package io.waymark.server;

import io.waymark.core.user.Role;
import java.util.List;
import java.util.Set;

/**
 * Who may call which {@code /api/v1} route: the one place that lists the routes without a login and the role each
 * other route needs. {@link AuthFilter} applies it to every request under {@code /api/}.
 */
final class AccessPolicy {
    /** Called by sites, apps and emails with a source's write key instead of a login (their CORS stays open). */
    static final Set<String> WRITE_KEY_ROUTES = Set.of("/api/v1/decide", "/api/v1/recommendations", "/api/v1/messages");
    static final String LOGIN = "/api/v1/login";
    /** The one state-changing route that only reads, so the dashboard's queries need no CSRF token. */
    static final String QUERY = "/api/v1/query";
    /** Routes whose every method needs an admin. */
    private static final List<String> ADMIN_ROUTES = List.of("/api/v1/users", "/api/v1/sources");

    private AccessPolicy() {
    }

    /** Whether {@code path} is answered without a session: the login itself and the write-key routes (and their sub-paths). */
    static boolean withoutSession(String path) {
        String p = normalize(path);
        if (p.equals(LOGIN)) {
            return true;
        }
        for (String route : WRITE_KEY_ROUTES) {
            // a sub-path is exempt only when it cannot climb out of the route (dot segments, encoded characters)
            if (p.equals(route) || (p.startsWith(route + "/") && !p.contains("/.") && !p.contains("%") && !p.contains("\\"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a request changes state and so must carry the session's CSRF token. */
    static boolean needsCsrf(String method, String path) {
        return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) && !normalize(path).equals(QUERY);
    }

    /** The least role that may make this request. */
    static Role required(String method, String path) {
        String p = normalize(path);
        for (String route : ADMIN_ROUTES) {
            if (under(p, route)) {
                return Role.ADMIN;
            }
        }
        // forgetting a person, and exporting everything held about one, are the data protection officer's
        if (under(p, "/api/v1/persons") && (method.equals("DELETE") || p.endsWith("/export"))) {
            return Role.ADMIN;
        }
        if (!needsCsrf(method, p) || p.equals("/api/v1/logout")) {
            return Role.VIEWER;
        }
        return Role.EDITOR;
    }

    /** The router ignores trailing slashes, so the policy does too. */
    static String normalize(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static boolean under(String path, String route) {
        return path.equals(route) || path.startsWith(route + "/");
    }
}

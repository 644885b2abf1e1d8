package io.waymark.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.Json;
import io.waymark.core.user.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * A browser's view of the API: logged in over real HTTP as a user created in the store, sending the session cookie
 * with every request and the CSRF token with every change, as the dashboard does. {@link #anonymous} sends neither.
 */
final class LoggedInClient {
    static final String PASSWORD = "correct horse battery staple";
    private final TestServer t;
    final String cookie;
    final String csrfToken;
    final JsonNode login;

    private LoggedInClient(TestServer t, String cookie, String csrfToken, JsonNode login) {
        this.t = t;
        this.cookie = cookie;
        this.csrfToken = csrfToken;
        this.login = login;
    }

    /** Creates user {@code name} with {@code role} (and {@link #PASSWORD}) in the store and logs in. */
    static LoggedInClient create(TestServer t, String name, Role role) throws IOException, InterruptedException {
        new UserAccounts(t.data.store(), java.time.Clock.systemUTC()).add(name, role, PASSWORD);
        return login(t, name, PASSWORD);
    }

    static LoggedInClient login(TestServer t, String name, String password) throws IOException, InterruptedException {
        var body = Json.MAPPER.createObjectNode().put("username", name).put("password", password).toString();
        var r = anonymous(t).post("/api/v1/login", body);
        if (r.status() != 200) {
            throw new AssertionError("login failed: " + r.status() + " " + r.json());
        }
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        return new LoggedInClient(t, cookie, r.json().get("csrfToken").asText(), r.json());
    }

    static LoggedInClient anonymous(TestServer t) {
        return new LoggedInClient(t, null, null, null);
    }

    TestServer.Response get(String path) throws IOException, InterruptedException {
        return send(builder(path).GET());
    }

    TestServer.Response post(String path, String body) throws IOException, InterruptedException {
        return send(builder(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    TestServer.Response put(String path, String body) throws IOException, InterruptedException {
        return send(builder(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    TestServer.Response delete(String path) throws IOException, InterruptedException {
        return send(builder(path).DELETE());
    }

    /** Sends with the cookie and CSRF token (when logged in); the builder's method and body are the caller's. */
    TestServer.Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (cookie != null) {
            request.header("Cookie", cookie).header("X-CSRF-Token", csrfToken);
        }
        return t.send(request.build());
    }

    HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(URI.create(t.url(path)));
    }
}

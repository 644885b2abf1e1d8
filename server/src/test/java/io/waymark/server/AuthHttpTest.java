package io.waymark.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.core.user.Role;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logins, sessions, CSRF and roles on a real server: the contract the dashboard is built against. */
class AuthHttpTest {
    private static final String SEGMENT = "{\"name\":\"Buyers\",\"rules\":{\"event\":\"purchase\"}}";
    private static final String SUMMARY = "{\"kind\":\"summary\"}";

    @TempDir
    Path dir;
    SegmentHttpTest.MovableClock clock = new SegmentHttpTest.MovableClock(Instant.parse("2026-03-10T00:00:00Z"));
    TestServer t;

    @BeforeEach
    void start() {
        t = new TestServer(dir, clock);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void everyProtectedRouteFamilyAnswers401WithoutASession() throws Exception {
        var anonymous = t.anonymous();
        var calls = List.of(
                anonymous.post("/api/v1/query", SUMMARY), anonymous.post("/api/v1/spend", "{\"spend\":[]}"),
                anonymous.get("/api/v1/persons?q=x"), anonymous.get("/api/v1/persons/p1"), anonymous.get("/api/v1/persons/p1/export"),
                anonymous.delete("/api/v1/persons/p1"), anonymous.get("/api/v1/status"),
                anonymous.get("/api/v1/segments"), anonymous.post("/api/v1/segments", SEGMENT), anonymous.get("/api/v1/segments/s/members"),
                anonymous.put("/api/v1/segments/s", SEGMENT), anonymous.delete("/api/v1/segments/s"),
                anonymous.post("/api/v1/segments/s/refresh", "{}"),
                anonymous.get("/api/v1/experiments"), anonymous.post("/api/v1/experiments/e/start", "{}"),
                anonymous.get("/api/v1/users"), anonymous.post("/api/v1/users", "{\"name\":\"x\",\"role\":\"admin\"}"),
                anonymous.get("/api/v1/sources"), anonymous.post("/api/v1/sources", "{\"name\":\"x\"}"),
                anonymous.get("/api/v1/live"), anonymous.get("/api/v1/me"), anonymous.post("/api/v1/logout", "{}"),
                anonymous.get("/api/v1/no-such-route"), anonymous.get("/api/v1/query/"));
        for (var r : calls) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().path("success").asBoolean(true)).isFalse();
            assertThat(r.json().at("/error/code").asText()).isEqualTo("UNAUTHORIZED");
        }
        // a forged or stale cookie is no session either
        var forged = anonymous.send(anonymous.builder("/api/v1/me").header("Cookie", "waymark_session=forged").GET());
        assertThat(forged.status()).isEqualTo(401);
        // ingestion, the dashboard page and the health check stay open
        assertThat(t.track("{\"userId\":\"u\",\"event\":\"x\"}").status()).isEqualTo(200);
        assertThat(anonymous.get("/").status()).isEqualTo(200);
        assertThat(anonymous.get("/health").status()).isEqualTo(200);
    }

    @Test
    void loginSetsAStrictHttpOnlyCookieAndMeAndLogoutFollowIt() throws Exception {
        var editor = LoggedInClient.create(t, "erin", Role.EDITOR);
        assertThat(editor.login.at("/user/name").asText()).isEqualTo("erin");
        assertThat(editor.login.at("/user/role").asText()).isEqualTo("editor");
        assertThat(editor.csrfToken).hasSizeGreaterThanOrEqualTo(43);
        String token = editor.cookie.substring("waymark_session=".length());
        assertThat(token).matches("[A-Za-z0-9_-]{43}"); // 256 random bits, base64url

        var raw = t.anonymous().post("/api/v1/login", "{\"username\":\"erin\",\"password\":\"" + LoggedInClient.PASSWORD + "\"}");
        String setCookie = raw.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("waymark_session=").contains("; HttpOnly").contains("; SameSite=Strict").contains("; Path=/")
                .doesNotContain("Secure");
        assertThat(raw.json().get("csrfToken").asText()).isNotEqualTo(editor.csrfToken);
        assertThat(raw.json().toString()).doesNotContain(LoggedInClient.PASSWORD);

        var me = editor.get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().at("/user/name").asText()).isEqualTo("erin");
        assertThat(me.json().at("/user/role").asText()).isEqualTo("editor");
        assertThat(me.json().get("csrfToken").asText()).isEqualTo(editor.csrfToken);

        var logout = editor.post("/api/v1/logout", "");
        assertThat(logout.status()).isEqualTo(204);
        assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("waymark_session=;").contains("Max-Age=0");
        assertThat(editor.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(editor.post("/api/v1/query", SUMMARY).status()).isEqualTo(401);
    }

    @Test
    void behindAnHttpsProxyTheCookieIsSecure() throws Exception {
        LoggedInClient.create(t, "erin", Role.EDITOR);
        var anonymous = t.anonymous();
        var r = anonymous.send(anonymous.builder("/api/v1/login").header("Content-Type", "application/json").header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"erin\",\"password\":\"" + LoggedInClient.PASSWORD + "\"}")));
        assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
    }

    @Test
    void wrongPasswordsAndUnknownNamesGetTheSameAnswer() throws Exception {
        LoggedInClient.create(t, "erin", Role.EDITOR);
        var anonymous = t.anonymous();
        var wrongPassword = anonymous.post("/api/v1/login", "{\"username\":\"erin\",\"password\":\"not the password\"}");
        var unknownName = anonymous.post("/api/v1/login", "{\"username\":\"nobody\",\"password\":\"not the password\"}");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.json().at("/error/code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(unknownName.status()).isEqualTo(401);
        assertThat(unknownName.json()).isEqualTo(wrongPassword.json());
        assertThat(wrongPassword.headers().firstValue("Set-Cookie")).isEmpty();
        // a login must be JSON: a cross-site form cannot post it without a preflight
        var form = anonymous.send(anonymous.builder("/api/v1/login").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"erin\",\"password\":\"" + LoggedInClient.PASSWORD + "\"}")));
        assertThat(form.status()).isEqualTo(400);
        assertThat(form.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void repeatedFailuresSlowDownLoginsOfThatNameOnly() throws Exception {
        LoggedInClient.create(t, "erin", Role.EDITOR);
        LoggedInClient.create(t, "vic", Role.VIEWER);
        var anonymous = t.anonymous();
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(anonymous.post("/api/v1/login", "{\"username\":\"erin\",\"password\":\"guess " + i + "\"}").status()).isEqualTo(401);
        }
        var right = anonymous.post("/api/v1/login", "{\"username\":\"erin\",\"password\":\"" + LoggedInClient.PASSWORD + "\"}");
        assertThat(right.status()).as("even the right password waits").isEqualTo(429);
        assertThat(right.json().at("/error/code").asText()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(right.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(LoggedInClient.login(t, "vic", LoggedInClient.PASSWORD).login.at("/user/name").asText()).isEqualTo("vic");

        clock.now = clock.now.plusSeconds(2);
        assertThat(anonymous.post("/api/v1/login", "{\"username\":\"erin\",\"password\":\"guess again\"}").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/login", "{\"username\":\"erin\",\"password\":\"x\"}").headers().firstValue("Retry-After"))
                .as("the wait doubles").hasValue("4");
        clock.now = clock.now.plusSeconds(4);
        assertThat(LoggedInClient.login(t, "erin", LoggedInClient.PASSWORD).login.at("/user/name").asText()).isEqualTo("erin");
        // a success starts afresh
        assertThat(anonymous.post("/api/v1/login", "{\"username\":\"erin\",\"password\":\"typo\"}").status()).isEqualTo(401);
        assertThat(LoggedInClient.login(t, "erin", LoggedInClient.PASSWORD).cookie).isNotNull();
    }

    @Test
    void guessesSentInParallelAreThrottledLikeGuessesInARow() throws Exception {
        LoggedInClient.create(t, "erin", Role.EDITOR);
        var anonymous = t.anonymous();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 24; i++) {
                String body = "{\"username\":\"erin\",\"password\":\"guess " + i + "\"}";
                answers.add(pool.submit(() -> anonymous.post("/api/v1/login", body).status()));
            }
            int wrong = 0;
            int throttled = 0;
            for (var a : answers) {
                int status = a.get();
                wrong += status == 401 ? 1 : 0;
                throttled += status == 429 ? 1 : 0;
            }
            // the clock stands still, so exactly the free attempts are checked
            assertThat(wrong).isEqualTo(LoginThrottle.FREE_FAILURES);
            assertThat(throttled).isEqualTo(24 - LoginThrottle.FREE_FAILURES);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void changesNeedTheSessionsCsrfTokenButQueriesDoNot() throws Exception {
        var editor = LoggedInClient.create(t, "erin", Role.EDITOR);
        // LoggedInClient always sends the right token; these requests are built by hand
        var noToken = t.send(editor.builder("/api/v1/segments").header("Cookie", editor.cookie).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SEGMENT)).build());
        assertThat(noToken.status()).isEqualTo(403);
        var wrongToken = t.send(editor.builder("/api/v1/segments").header("Cookie", editor.cookie).header("X-CSRF-Token", "wrong")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(SEGMENT)).build());
        assertThat(wrongToken.status()).isEqualTo(403);
        assertThat(wrongToken.json().at("/error/field").asText()).isEqualTo("X-CSRF-Token");
        var otherSessionsToken = LoggedInClient.login(t, "erin", LoggedInClient.PASSWORD).csrfToken;
        var deleteWithOtherToken = t.send(editor.builder("/api/v1/segments/buyers").header("Cookie", editor.cookie)
                .header("X-CSRF-Token", otherSessionsToken).DELETE().build());
        assertThat(deleteWithOtherToken.status()).isEqualTo(403);
        assertThat(editor.get("/api/v1/segments").json().toString()).doesNotContain("Buyers");

        var queryWithoutToken = t.send(editor.builder("/api/v1/query").header("Cookie", editor.cookie).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SUMMARY)).build());
        assertThat(queryWithoutToken.status()).isEqualTo(200);
        assertThat(editor.post("/api/v1/segments", SEGMENT).status()).isEqualTo(201);
    }

    @Test
    void rolesGateChangesAndAdministration() throws Exception {
        var viewer = LoggedInClient.create(t, "vic", Role.VIEWER);
        var editor = LoggedInClient.create(t, "erin", Role.EDITOR);
        var admin = t.admin();
        assertThat(viewer.post("/api/v1/query", SUMMARY).status()).isEqualTo(200);
        assertThat(viewer.get("/api/v1/segments").status()).isEqualTo(200);
        var viewerCreates = viewer.post("/api/v1/segments", SEGMENT);
        assertThat(viewerCreates.status()).isEqualTo(403);
        assertThat(viewerCreates.json().at("/error/message").asText()).contains("editor");
        assertThat(viewer.post("/api/v1/spend", "{\"spend\":[]}").status()).isEqualTo(403);
        assertThat(viewer.get("/api/v1/users").status()).isEqualTo(403);
        assertThat(viewer.get("/api/v1/persons/someone/export").status()).as("all data held about a person: admins only").isEqualTo(403);

        var created = editor.post("/api/v1/segments", SEGMENT);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(editor.delete("/api/v1/segments/" + id).status()).isEqualTo(200);
        var editorAddsSource = editor.post("/api/v1/sources", "{\"name\":\"ios\"}");
        assertThat(editorAddsSource.status()).isEqualTo(403);
        assertThat(editorAddsSource.json().at("/error/message").asText()).contains("admin");
        assertThat(editor.get("/api/v1/sources").status()).as("write keys are secrets").isEqualTo(403);
        assertThat(editor.delete("/api/v1/persons/p1").status()).isEqualTo(403);
        assertThat(editor.post("/api/v1/users", "{\"name\":\"mallory\",\"role\":\"admin\"}").status()).isEqualTo(403);

        var source = admin.post("/api/v1/sources", "{\"name\":\"ios\"}");
        assertThat(source.status()).isEqualTo(201);
        String key = source.json().get("writeKey").asText();
        assertThat(t.post("/v1/track", "{\"userId\":\"p\",\"event\":\"x\"}", t.basic(key)).status()).as("the new key works at once").isEqualTo(200);
        assertThat(admin.get("/api/v1/sources").json().toString()).contains(key);
        String person = t.query("{\"kind\":\"profile\",\"userId\":\"p\"}").get("personId").asText();
        assertThat(editor.delete("/api/v1/persons/" + person).status()).isEqualTo(403);
        assertThat(admin.delete("/api/v1/persons/" + person).status()).isEqualTo(200);
    }

    @Test
    void adminsManageUsersAndDeletingOneEndsTheirSessions() throws Exception {
        var admin = t.admin();
        var added = admin.post("/api/v1/users", "{\"name\":\"newbie\",\"role\":\"viewer\"}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().at("/user/role").asText()).isEqualTo("viewer");
        String password = added.json().get("password").asText();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        var newbie = LoggedInClient.login(t, "newbie", password);
        assertThat(admin.get("/api/v1/users").json().toString()).contains("newbie").doesNotContain(password).doesNotContain("argon2");
        assertThat(admin.post("/api/v1/users", "{\"name\":\"newbie\",\"role\":\"viewer\"}").status()).isEqualTo(409);
        var badRole = admin.post("/api/v1/users", "{\"name\":\"x\",\"role\":\"root\"}");
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.json().at("/error/field").asText()).isEqualTo("role");
        assertThat(admin.post("/api/v1/users", "{\"name\":\"short\",\"role\":\"viewer\",\"password\":\"1234\"}").json().at("/error/field").asText())
                .isEqualTo("password");

        assertThat(admin.delete("/api/v1/users/newbie").status()).isEqualTo(204);
        assertThat(newbie.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(t.anonymous().post("/api/v1/login", "{\"username\":\"newbie\",\"password\":\"" + password + "\"}").status()).isEqualTo(401);
        assertThat(admin.delete("/api/v1/users/newbie").status()).isEqualTo(404);
    }

    @Test
    void sessionsExpireAfterTwelveIdleHours() throws Exception {
        var viewer = LoggedInClient.create(t, "vic", Role.VIEWER);
        clock.now = clock.now.plus(Duration.ofHours(11));
        assertThat(viewer.get("/api/v1/me").status()).as("a request keeps the session alive").isEqualTo(200);
        clock.now = clock.now.plus(Duration.ofHours(11));
        assertThat(viewer.get("/api/v1/me").status()).isEqualTo(200);
        clock.now = clock.now.plus(Sessions.IDLE);
        assertThat(viewer.get("/api/v1/me").status()).isEqualTo(401);
        clock.now = clock.now.minus(Duration.ofHours(1));
        assertThat(viewer.get("/api/v1/me").status()).as("an expired session stays gone").isEqualTo(401);
    }

    @Test
    void writeKeyRoutesCannotBeUsedToClimbIntoProtectedOnes() throws Exception {
        for (String path : List.of("/api/v1/decide/../segments", "/api/v1/messages/../segments", "/api/v1/messages/%2e%2e/segments",
                "/api/v1/decide/%2e%2e/segments", "/api/v1/login/../segments")) {
            try (var socket = new java.net.Socket("127.0.0.1", t.server.port())) {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(response).as(path).doesNotStartWith("HTTP/1.1 200").doesNotContain("\"segments\"");
            }
        }
    }
}

package io.waymark.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.waymark.core.Json;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.user.Role;
import io.waymark.store.SourceRepository;
import io.waymark.store.UserRepository.User;
import java.util.Map;

/** The admin routes: users (like {@code waymark user}) and sources with their write keys (like {@code waymark source}). */
final class AdminHandlers {
    private static final int MAX_BODY_BYTES = 4096;
    private final UserAccounts accounts;
    private final Sessions sessions;
    private final SourceRepository sources;
    private final WriteKeys writeKeys;

    AdminHandlers(UserAccounts accounts, Sessions sessions, SourceRepository sources, WriteKeys writeKeys) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.sources = sources;
        this.writeKeys = writeKeys;
    }

    void listUsers(Context ctx) {
        var out = Json.MAPPER.createArrayNode();
        accounts.list().forEach(u -> out.add(user(u)));
        ctx.json(Map.of("users", out));
    }

    /** {@code {"name","role","password"?}}; without a password one is generated and answered once. */
    void addUser(Context ctx) {
        JsonNode body = RequestBodies.readJson(ctx, MAX_BODY_BYTES).json();
        String name = body.path("name").isTextual() ? body.get("name").asText() : null;
        if (name == null) {
            throw WaymarkException.missing("name");
        }
        if (!body.path("role").isTextual()) {
            throw WaymarkException.missing("role");
        }
        Role role = Role.parse(body.get("role").asText(), "role");
        JsonNode password = body.get("password");
        if (password != null && !password.isNull() && !password.isTextual()) {
            throw WaymarkException.invalid("password", "'password' must be a string");
        }
        UserAccounts.Added added = accounts.add(name, role, password == null || password.isNull() ? null : password.asText());
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("user", user(added.user()));
        if (added.generatedPassword() != null) {
            out.put("password", added.generatedPassword());
        }
        ctx.status(201).json(out);
    }

    /** Deleting a user ends their sessions at once. */
    void deleteUser(Context ctx) {
        String name = ctx.pathParam("name");
        accounts.delete(name);
        sessions.endAllOf(name);
        ctx.status(204);
    }

    void listSources(Context ctx) {
        ctx.json(Map.of("sources", sources.list()));
    }

    /** {@code {"name"}} → the new source and its write key, accepted by ingestion at once. */
    void addSource(Context ctx) {
        JsonNode body = RequestBodies.readJson(ctx, MAX_BODY_BYTES).json();
        if (!body.path("name").isTextual()) {
            throw WaymarkException.missing("name");
        }
        SourceRepository.Source s = sources.add(body.get("name").asText());
        writeKeys.add(s);
        ctx.status(201).json(Map.of("name", s.name(), "writeKey", s.writeKey()));
    }

    private static ObjectNode user(User u) {
        return Json.MAPPER.createObjectNode().put("name", u.name()).put("role", u.role().wireName()).put("createdAt", u.createdAt().toString());
    }
}

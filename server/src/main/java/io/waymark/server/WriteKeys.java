package io.waymark.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.store.SourceRepository;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates ingestion calls the way Segment clients send the key: as the HTTP Basic user
 * with an empty password (Node, analytics.js) or as {@code writeKey} in the body (Java library).
 */
final class WriteKeys {
    private final Map<String, String> sourceByKey = new ConcurrentHashMap<>();

    WriteKeys(List<SourceRepository.Source> sources) {
        sources.forEach(this::add);
    }

    void add(SourceRepository.Source s) {
        sourceByKey.put(s.writeKey(), s.name());
    }

    /** Returns the source name for the request's key, or throws UNAUTHORIZED. */
    String authenticate(String authorization, JsonNode body) {
        return authenticate(authorization, body != null && body.path("writeKey").isTextual() ? body.get("writeKey").asText() : null);
    }

    /** @param bodyWriteKey the body's {@code writeKey} when it is a string, else null */
    String authenticate(String authorization, String bodyWriteKey) {
        String key = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                key = colon >= 0 ? decoded.substring(0, colon) : decoded;
            } catch (IllegalArgumentException e) {
                throw new WaymarkException(ErrorCode.UNAUTHORIZED, "Authorization", "Authorization header is not valid Basic credentials");
            }
        }
        if (key == null || key.isEmpty()) {
            key = bodyWriteKey;
        }
        if (key == null || key.isEmpty()) {
            throw new WaymarkException(ErrorCode.UNAUTHORIZED, "writeKey",
                    "no write key: send it as the HTTP Basic user or as 'writeKey' in the body");
        }
        String source = sourceByKey.get(key);
        if (source == null) {
            throw new WaymarkException(ErrorCode.UNAUTHORIZED, "writeKey", "unknown write key");
        }
        return source;
    }
}

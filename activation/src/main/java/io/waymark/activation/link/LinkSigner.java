package io.waymark.activation.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waymark.core.Digests;
import io.waymark.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Signs and verifies the tokens of tracking and unsubscribe links: {@code base64url(json) "." base64url(HMAC-SHA256)}.
 * The MAC (RFC 2104 with SHA-256, the construction JWT's HS256 uses) covers a version prefix and the encoded payload,
 * so a token cannot be altered, and a click can only redirect to a URL we put in a token: no open redirect.
 * Tokens do not expire: an unsubscribe link must keep working long after the email (RFC 8058 §3 asks for at
 * least as long as the message may be read; CAN-SPAM for 30 days). They are not encrypted: the recipient can read
 * their own identity, journey and step in the link.
 */
public final class LinkSigner {
    private static final byte[] CONTEXT = "waymark-link-v1.".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    /** Real tokens are far shorter; refusing long ones bounds the work an anonymous request can cause. */
    private static final int MAX_TOKEN_CHARS = 8192;

    private final byte[] secret;

    public LinkSigner(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the link secret must be at least 32 bytes");
        }
        this.secret = secret.clone();
    }

    public String sign(LinkToken t) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("k", t.kind().code).put("i", t.identity()).put("p", t.personId()).put("j", t.journeyKey())
                .put("s", t.stepId()).put("x", t.sendKey());
        if (t.url() != null) {
            o.put("l", t.url());
        }
        String payload = B64.encodeToString(o.toString().getBytes(StandardCharsets.UTF_8));
        return payload + "." + B64.encodeToString(mac(payload));
    }

    /** The token's content when its signature is ours and it is well formed; empty for anything else. */
    public Optional<LinkToken> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        try {
            byte[] given = B64D.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac(payload))) { // constant time: no timing oracle on the MAC
                return Optional.empty();
            }
            JsonNode o = Json.MAPPER.readTree(B64D.decode(payload));
            LinkToken.Kind kind = LinkToken.Kind.ofCode(o.path("k").asText());
            if (kind == null) {
                return Optional.empty();
            }
            return Optional.of(new LinkToken(kind, o.path("i").asText(), text(o, "p"), text(o, "j"), text(o, "s"), text(o, "x"), text(o, "l")));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private byte[] mac(String payload) {
        return Digests.hmacSha256(secret, CONTEXT, payload.getBytes(StandardCharsets.US_ASCII));
    }
}

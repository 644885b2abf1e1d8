package io.waymark.activation.webhook;

import io.waymark.core.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The {@code X-Waymark-Signature} header, the scheme Stripe documents for its webhooks:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}. A receiver recomputes the MAC over the
 * timestamp it was given and the raw body, compares in constant time, and refuses timestamps older than a tolerance
 * (five minutes is usual), so a captured request cannot be replayed later; {@code X-Waymark-Delivery} (the
 * idempotency key) lets it drop a retry it already processed. {@code v1} names the scheme so it can change without
 * breaking receivers.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Waymark-Signature";
    public static final String DELIVERY_HEADER = "X-Waymark-Delivery";

    private WebhookSignature() {
    }

    public static String header(String secret, Instant timestamp, byte[] body) {
        long t = timestamp.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(secret, t, body));
    }

    /** What a receiver does: true when {@code header} signs {@code body} with {@code secret} within {@code tolerance} of {@code now}. */
    public static boolean verify(String secret, String header, byte[] body, Instant now, Duration tolerance) {
        if (header == null) {
            return false;
        }
        Long t = null;
        byte[] given = null;
        for (String part : header.split(",")) {
            try {
                if (part.startsWith("t=")) {
                    t = Long.parseLong(part.substring(2));
                } else if (part.startsWith("v1=")) {
                    given = HexFormat.of().parseHex(part.substring(3));
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return t != null && given != null && Math.abs(now.getEpochSecond() - t) <= tolerance.toSeconds()
                && MessageDigest.isEqual(given, mac(secret, t, body));
    }

    private static byte[] mac(String secret, long timestamp, byte[] body) {
        return Digests.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), (timestamp + ".").getBytes(StandardCharsets.US_ASCII), body);
    }
}

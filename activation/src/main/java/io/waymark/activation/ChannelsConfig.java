package io.waymark.activation;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.Json;
import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.query.SpecReader;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the channels reach the outside world, read once at start-up from {@code DIR/channels.json} and validated there,
 * so a typo fails {@code waymark serve} with the field's name instead of the first send. Every field is optional:
 * <pre>{@code
 * {
 *   "publicBaseUrl": "https://waymark.example.com",      // where tracking and unsubscribe links point
 *   "smtp": { "host": "smtp.example.com", "port": 587, "tls": "starttls",   // none | starttls | smtps
 *             "username": "…", "password": "…", "from": "Shop <news@shop.example>", "timeout": "10s" },
 *   "webhook": { "connectTimeout": "5s", "timeout": "10s", "maxRedirects": 3,
 *                "secrets": { "crm": "a long random string" } },
 *   "allowPrivateDestinations": false
 * }
 * }</pre>
 * Without {@code smtp} there is no email channel. {@code allowPrivateDestinations} lets webhooks reach loopback,
 * link-local and private addresses; it exists for tests and closed networks and is off by default (see
 * {@code DestinationGuard}).
 *
 * @param smtp                     the SMTP relay, or null when email is not configured
 * @param publicBaseUrl            the base of links in emails (tracking, unsubscribe), without a trailing slash
 * @param webhook                  webhook timeouts and signing secrets
 * @param allowPrivateDestinations whether webhooks may reach non-public addresses
 */
public record ChannelsConfig(Smtp smtp, String publicBaseUrl, Webhook webhook, boolean allowPrivateDestinations) {
    public static final String FILE_NAME = "channels.json";
    public static final ChannelsConfig NONE = new ChannelsConfig(null, "http://localhost:8080", Webhook.DEFAULTS, false);

    /** TLS towards the SMTP relay: none (tests, local relays), STARTTLS upgrade (port 587), implicit TLS (port 465). */
    public enum TlsMode { NONE, STARTTLS, SMTPS }

    public record Smtp(String host, int port, TlsMode tls, String username, String password, String from, Duration timeout) {
    }

    /** @param secrets HMAC keys by name; a webhook step names the one it signs with ({@code settings.secret}) */
    public record Webhook(Duration connectTimeout, Duration timeout, int maxRedirects, Map<String, String> secrets) {
        public static final Webhook DEFAULTS = new Webhook(Duration.ofSeconds(5), Duration.ofSeconds(10), 3, Map.of());

        public Webhook {
            secrets = Map.copyOf(secrets);
        }
    }

    /** Reads {@code root/channels.json}; without the file, {@link #NONE}. */
    public static ChannelsConfig read(Path root) {
        Path file = root.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return NONE;
        }
        try {
            return parse(Json.MAPPER.readTree(file.toFile()));
        } catch (IOException e) {
            throw new WaymarkException(ErrorCode.INVALID_JSON, FILE_NAME, FILE_NAME + " is not valid JSON: " + e.getMessage());
        }
    }

    public static ChannelsConfig parse(JsonNode json) {
        SpecReader r = new SpecReader(json, "").allowOnly(false, "publicBaseUrl", "smtp", "webhook", "allowPrivateDestinations");
        String base = baseUrl(r);
        SpecReader s = r.object("smtp");
        Smtp smtp = s == null ? null : smtp(s);
        SpecReader w = r.object("webhook");
        Webhook webhook = w == null ? Webhook.DEFAULTS : webhook(w);
        return new ChannelsConfig(smtp, base, webhook, r.bool("allowPrivateDestinations", false));
    }

    private static String baseUrl(SpecReader r) {
        String s = r.optionalString("publicBaseUrl", NONE.publicBaseUrl());
        try {
            URI u = new URI(s);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null
                    || u.getQuery() != null || u.getFragment() != null) {
                throw WaymarkException.invalid("publicBaseUrl", "'publicBaseUrl' must be an http(s) URL without query or fragment, not '" + s + "'");
            }
        } catch (URISyntaxException e) {
            throw WaymarkException.invalid("publicBaseUrl", "'publicBaseUrl' is not a URL: " + e.getMessage());
        }
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static Smtp smtp(SpecReader s) {
        s.allowOnly(false, "host", "port", "tls", "username", "password", "from", "timeout");
        TlsMode tls = s.choice("tls", TlsMode.class, TlsMode.STARTTLS);
        int defaultPort = tls == TlsMode.SMTPS ? 465 : tls == TlsMode.STARTTLS ? 587 : 25;
        String username = s.optionalString("username", null);
        String password = s.optionalString("password", null);
        if ((username == null) != (password == null)) {
            throw WaymarkException.invalid(s.name(username == null ? "username" : "password"), "'smtp.username' and 'smtp.password' go together");
        }
        String from = s.string("from");
        try {
            new InternetAddress(from, true);
        } catch (AddressException e) {
            throw WaymarkException.invalid(s.name("from"), "'smtp.from' is not an email address: " + e.getMessage());
        }
        return new Smtp(s.string("host"), s.integer("port", 1, 65535, defaultPort), tls, username, password, from,
                s.duration("timeout", Duration.ofSeconds(10)));
    }

    private static Webhook webhook(SpecReader w) {
        w.allowOnly(false, "connectTimeout", "timeout", "maxRedirects", "secrets");
        Map<String, String> secrets = new LinkedHashMap<>();
        SpecReader sec = w.object("secrets");
        if (sec != null) {
            for (var it = sec.node().fieldNames(); it.hasNext(); ) {
                String name = it.next();
                String value = sec.string(name);
                if (value.length() < 16) {
                    throw WaymarkException.invalid(sec.name(name), "'" + sec.name(name) + "' must be at least 16 characters: it signs requests");
                }
                secrets.put(name, value);
            }
        }
        Webhook d = Webhook.DEFAULTS;
        return new Webhook(w.duration("connectTimeout", d.connectTimeout()), w.duration("timeout", d.timeout()),
                w.integer("maxRedirects", 0, 10, d.maxRedirects()), secrets);
    }
}

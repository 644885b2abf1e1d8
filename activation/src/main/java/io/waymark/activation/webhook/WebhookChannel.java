package io.waymark.activation.webhook;

import io.waymark.activation.Channel;
import io.waymark.activation.ChannelsConfig;
import io.waymark.activation.Delivery;
import io.waymark.activation.OutboundMessage;
import io.waymark.core.error.WaymarkException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Posts a signed JSON payload ({@link WebhookPayload}, {@link WebhookSignature}) to a step's URL, to reach SMS, push
 * or CRM tools. Settings it reads: {@code url} (required), {@code secret} (the name of a key in
 * {@code channels.json}'s {@code webhook.secrets}, default {@code "default"}), {@code traits} (names of traits to
 * include); the step's other settings go as {@code data} (a message template name, an SMS text, …).
 *
 * <p>Each exchange (connect, request, whole response) ends within {@code connectTimeout + timeout}.
 * Outcomes: 2xx → SENT; 408, 429, 5xx, a timeout or a refused connection → RETRY, with {@code retry-after=<seconds>}
 * in the detail and as {@link Delivery#retryAfter} when the receiver sent {@code Retry-After} (RFC 9110 §10.2.3); other 4xx
 * → FAILED; a destination the {@link DestinationGuard} refuses → SUPPRESSED.
 *
 * <p>Every hop is guarded: the client resolves names only through the guard, which checks every address, and connects
 * to the addresses it checked (Apache HttpClient's {@link DnsResolver} is the only name lookup on the connect path), so
 * the address connected to is the address checked, even if DNS answers differently a moment later. Redirects are not
 * followed by the client: each {@code Location} is parsed, checked the same way and posted to again with the same
 * signed body (like 307/308; a webhook has nothing to GET), at most {@code maxRedirects} times.
 */
public final class WebhookChannel implements Channel, AutoCloseable {
    private static final String DEFAULT_SECRET = "default";

    /** Name resolution and sockets; tests swap them to reach a loopback receiver under a public name. */
    interface Network {
        Network SYSTEM = InetAddress::getAllByName;

        InetAddress[] resolve(String host) throws UnknownHostException;

        default Socket socket() {
            return new Socket();
        }
    }

    /** The guard's refusal, carried through HttpClient's connect path as the lookup failure it is. */
    private static final class RefusedHost extends UnknownHostException {
        RefusedHost(String message) {
            super(message);
        }
    }

    private final ChannelsConfig.Webhook config;
    private final DestinationGuard guard;
    private final Clock clock;
    private final CloseableHttpClient http;
    /** Cancels exchanges past their deadline: socket timeouts bound each read, not a receiver trickling a body forever. */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "webhook-deadlines");
        t.setDaemon(true);
        return t;
    });

    public WebhookChannel(ChannelsConfig.Webhook config, DestinationGuard guard, Clock clock) {
        this(config, guard, clock, Network.SYSTEM);
    }

    WebhookChannel(ChannelsConfig.Webhook config, DestinationGuard guard, Clock clock, Network network) {
        this.config = config;
        this.guard = guard;
        this.clock = clock;
        DnsResolver dns = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                InetAddress[] addresses = network.resolve(host);
                try {
                    guard.check(host, addresses);
                } catch (DestinationGuard.Refused r) {
                    throw new RefusedHost(r.getMessage());
                }
                return addresses;
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        var tls = RegistryBuilder.<TlsSocketStrategy>create().register("https", DefaultClientTlsStrategy.createDefault()).build();
        var manager = new PoolingHttpClientConnectionManager(new DefaultHttpClientConnectionOperator(proxy -> network.socket(), null, dns, tls),
                PoolConcurrencyPolicy.STRICT, PoolReusePolicy.LIFO, TimeValue.ofMinutes(1), null);
        manager.setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.of(config.connectTimeout()))
                .setSocketTimeout(Timeout.of(config.timeout())).build());
        manager.setMaxTotal(32);
        manager.setDefaultMaxPerRoute(4);
        // no proxies from system properties, no cookies, no automatic redirects or retries (the scheduler retries)
        this.http = HttpClients.custom().setConnectionManager(manager).disableRedirectHandling().disableAutomaticRetries()
                .disableCookieManagement().disableAuthCaching().setUserAgent("Waymark-Webhook/1").build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    /** See {@link io.waymark.activation.Channels#validate}: the URL through the guard (resolving its host), the secret by name. */
    public void validate(Map<String, Object> settings, String path) {
        Object url = settings.get("url");
        if (!(url instanceof String)) {
            throw WaymarkException.missing(path + ".url");
        }
        guard.checkUrl((String) url, path + ".url");
        String secret = String.valueOf(settings.getOrDefault("secret", DEFAULT_SECRET));
        if (!config.secrets().containsKey(secret)) {
            throw WaymarkException.invalid(path + ".secret", "no webhook secret named '" + secret
                    + "' in channels.json (webhook.secrets)");
        }
        if (settings.get("traits") != null && !(settings.get("traits") instanceof List)) {
            throw WaymarkException.invalid(path + ".traits", "'" + path + ".traits' must be an array of trait names");
        }
    }

    @Override
    public Delivery deliver(OutboundMessage message) {
        Object url = message.settings().get("url");
        Object secretName = message.settings().getOrDefault("secret", DEFAULT_SECRET);
        String secret = config.secrets().get(String.valueOf(secretName));
        if (secret == null) {
            return new Delivery(Delivery.Outcome.FAILED, "no webhook secret named '" + secretName + "' in channels.json");
        }
        URI target;
        try {
            target = DestinationGuard.parse(url == null ? null : url.toString());
        } catch (DestinationGuard.Refused r) {
            return new Delivery(Delivery.Outcome.SUPPRESSED, "destination refused: " + r.getMessage());
        }
        Instant now = clock.instant();
        byte[] body = WebhookPayload.build(message, now);
        String signature = WebhookSignature.header(secret, now, body);
        for (int hop = 0; ; hop++) {
            Response r;
            try {
                r = post(target, body, signature, message.idempotencyKey());
            } catch (RefusedHost e) {
                return new Delivery(Delivery.Outcome.SUPPRESSED, "destination refused: " + e.getMessage());
            } catch (IOException e) {
                return Delivery.retry("webhook unreachable: " + e.getClass().getSimpleName());
            }
            if (r.status >= 300 && r.status < 400 && r.location != null) {
                if (hop >= config.maxRedirects()) {
                    return new Delivery(Delivery.Outcome.FAILED, "more than " + config.maxRedirects() + " redirects");
                }
                try {
                    target = DestinationGuard.parse(target.resolve(r.location).toString());
                } catch (DestinationGuard.Refused | IllegalArgumentException e) {
                    return new Delivery(Delivery.Outcome.SUPPRESSED, "redirect refused: " + e.getMessage());
                }
                continue;
            }
            return outcome(r, now);
        }
    }

    private record Response(int status, String location, String retryAfter) {
    }

    private Response post(URI target, byte[] body, String signature, String deliveryId) throws IOException {
        HttpPost post = new HttpPost(target);
        post.setHeader(WebhookSignature.HEADER, signature);
        post.setHeader(WebhookSignature.DELIVERY_HEADER, deliveryId);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, config.connectTimeout().plus(config.timeout()).toMillis(), TimeUnit.MILLISECONDS);
        try {
            return http.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return new Response(response.getCode(), value(response.getFirstHeader("Location")), value(response.getFirstHeader("Retry-After")));
            });
        } finally {
            deadline.cancel(false);
        }
    }

    private static String value(Header h) {
        return h == null ? null : h.getValue();
    }

    private static Delivery outcome(Response r, Instant now) {
        if (r.status >= 200 && r.status < 300) {
            return Delivery.sent("HTTP " + r.status);
        }
        if (r.status == 408 || r.status == 429 || r.status >= 500) {
            Long seconds = retryAfterSeconds(r.retryAfter, now);
            return Delivery.retry("HTTP " + r.status + (seconds == null ? "" : "; retry-after=" + seconds),
                    seconds == null ? null : Duration.ofSeconds(seconds));
        }
        return new Delivery(Delivery.Outcome.FAILED, "HTTP " + r.status);
    }

    /** Retry-After is delay-seconds or an HTTP-date (RFC 9110 §10.2.3); null when absent or unreadable. */
    static Long retryAfterSeconds(String value, Instant now) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.matches("\\d{1,9}")) {
            return Long.parseLong(v);
        }
        try {
            return Math.max(0, Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()).getSeconds());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
        deadlines.shutdownNow();
    }
}

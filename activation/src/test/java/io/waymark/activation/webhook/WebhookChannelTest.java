package io.waymark.activation.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.waymark.activation.ChannelsConfig;
import io.waymark.activation.Delivery;
import io.waymark.activation.OutboundMessage;
import io.waymark.core.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook channel against a real HTTP receiver on loopback. */
class WebhookChannelTest {
    private static final String SECRET = "whsec_0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ChannelsConfig.Webhook CONFIG = new ChannelsConfig.Webhook(Duration.ofSeconds(2), Duration.ofSeconds(5), 3,
            Map.of("default", SECRET, "crm", "crm_secret_0123456789"));
    /** A documentation address (RFC 5737 TEST-NET-3) standing for a public receiver; the test network routes it to loopback. */
    private static final String PUBLIC_IP = "203.0.113.7";

    private record Received(String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Consumer<HttpExchange> answer;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", ex -> {
            received.add(new Received(ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()), ex.getRequestBody().readAllBytes()));
            answer.accept(ex);
            ex.close();
        });
        receiver.start();
        answer = status(200);
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private static Consumer<HttpExchange> status(int code, String... headers) {
        return ex -> {
            try {
                for (int i = 0; i < headers.length; i += 2) {
                    ex.getResponseHeaders().add(headers[i], headers[i + 1]);
                }
                ex.sendResponseHeaders(code, -1);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private static OutboundMessage message(String url, Map<String, Object> extra) {
        var settings = new java.util.HashMap<String, Object>(Map.of("url", url, "traits", List.of("phone"), "template", "sms_1"));
        settings.putAll(extra);
        return new OutboundMessage("cart:1:p1:e1:sms", "p1", "cart", 1, "sms", settings,
                Map.of("traits", Map.of("phone", "+441234", "email", "a@b.example"),
                        "identities", Map.of("userIds", List.of("alice"), "anonymousIds", List.of("anon-1")),
                        "event", Map.of("productId", "sku-1")));
    }

    private Delivery send(boolean allowPrivate, String url) {
        try (var channel = new WebhookChannel(CONFIG, new DestinationGuard(allowPrivate), CLOCK)) {
            return channel.deliver(message(url, Map.of()));
        }
    }

    @Test
    void postsASignedPayloadTheReceiverCanVerify() throws IOException {
        Delivery d = send(true, url("/hook"));

        assertThat(d.outcome()).isEqualTo(Delivery.Outcome.SENT);
        assertThat(received).hasSize(1);
        Received r = received.get(0);
        assertThat(WebhookSignature.verify(SECRET, r.header("X-Waymark-Signature"), r.body(), NOW.plusSeconds(30), Duration.ofMinutes(5))).isTrue();
        assertThat(WebhookSignature.verify("another_secret_0123", r.header("X-Waymark-Signature"), r.body(), NOW, Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify(SECRET, r.header("X-Waymark-Signature"), r.body(), NOW.plusSeconds(600), Duration.ofMinutes(5))).isFalse();
        byte[] tampered = r.body().clone();
        tampered[tampered.length - 2] ^= 1;
        assertThat(WebhookSignature.verify(SECRET, r.header("X-Waymark-Signature"), tampered, NOW, Duration.ofMinutes(5))).isFalse();
        assertThat(r.header("X-Waymark-Signature")).startsWith("t=" + NOW.getEpochSecond() + ",v1=");
        assertThat(r.header("X-Waymark-Delivery")).isEqualTo("cart:1:p1:e1:sms");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.path("id").asText()).isEqualTo("cart:1:p1:e1:sms");
        assertThat(body.path("journey").toString()).isEqualTo("{\"key\":\"cart\",\"version\":1,\"step\":\"sms\"}");
        assertThat(body.path("person").path("userIds").toString()).isEqualTo("[\"alice\"]");
        assertThat(body.path("person").path("traits").toString()).isEqualTo("{\"phone\":\"+441234\"}"); // only the traits the step lists
        assertThat(body.path("event").path("productId").asText()).isEqualTo("sku-1");
        assertThat(body.path("data").toString()).isEqualTo("{\"template\":\"sms_1\"}"); // url and traits stay out
    }

    @Test
    void theStepChoosesItsSecretByName() {
        try (var channel = new WebhookChannel(CONFIG, new DestinationGuard(true), CLOCK)) {
            assertThat(channel.deliver(message(url("/crm"), Map.of("secret", "crm"))).outcome()).isEqualTo(Delivery.Outcome.SENT);
            assertThat(WebhookSignature.verify("crm_secret_0123456789", received.get(0).header("X-Waymark-Signature"), received.get(0).body(), NOW,
                    Duration.ofMinutes(5))).isTrue();
            Delivery unknown = channel.deliver(message(url("/crm"), Map.of("secret", "nope")));
            assertThat(unknown.outcome()).isEqualTo(Delivery.Outcome.FAILED);
            assertThat(received).hasSize(1);
        }
    }

    @Test
    void serverErrorsAndThrottlingAreRetriedWithTheDelayTheReceiverAsks() {
        answer = status(500);
        assertThat(send(true, url("/hook")).outcome()).isEqualTo(Delivery.Outcome.RETRY);
        answer = status(503);
        assertThat(send(true, url("/hook")).outcome()).isEqualTo(Delivery.Outcome.RETRY);
        answer = status(429, "Retry-After", "30");
        Delivery throttled = send(true, url("/hook"));
        assertThat(throttled.outcome()).isEqualTo(Delivery.Outcome.RETRY);
        assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        answer = status(503, "Retry-After", "Sun, 01 Mar 2026 10:02:00 GMT");
        assertThat(send(true, url("/hook")).retryAfter()).isEqualTo(Duration.ofMinutes(2));
        answer = status(503);
        assertThat(send(true, url("/hook")).retryAfter()).as("none asked").isNull();
    }

    @Test
    void clientErrorsFailForGood() {
        answer = status(400);
        Delivery d = send(true, url("/hook"));
        assertThat(d.outcome()).isEqualTo(Delivery.Outcome.FAILED);
        assertThat(d.detail()).isEqualTo("HTTP 400");
        answer = status(404);
        assertThat(send(true, url("/hook")).outcome()).isEqualTo(Delivery.Outcome.FAILED);
    }

    @Test
    void anUnreachableReceiverIsRetried() throws IOException {
        int closedPort;
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        assertThat(send(true, "http://127.0.0.1:" + closedPort + "/hook").outcome()).isEqualTo(Delivery.Outcome.RETRY);
    }

    @Test
    void aReceiverThatNeverFinishesItsAnswerIsRetried() {
        answer = ex -> {
            try {
                ex.sendResponseHeaders(200, 0); // chunked, then a byte now and then, never the end
                while (true) {
                    ex.getResponseBody().write(' ');
                    ex.getResponseBody().flush();
                    Thread.sleep(50);
                }
            } catch (IOException | InterruptedException e) {
                // the client went away: what the test waits for
            }
        };
        var quick = new ChannelsConfig.Webhook(Duration.ofMillis(500), Duration.ofMillis(500), 0, CONFIG.secrets());
        try (var channel = new WebhookChannel(quick, new DestinationGuard(true), CLOCK)) {
            // without the deadline deliver would never return: the preemptive timeout turns that into a failure, not a hung build
            Delivery d = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> channel.deliver(message(url("/slow"), Map.of())));
            assertThat(d.outcome()).isEqualTo(Delivery.Outcome.RETRY);
        }
    }

    @Test
    void internalDestinationsAreRefusedAtSendTimeWithoutARequest() {
        for (String url : List.of(url("/hook"), "http://localhost:" + receiver.getAddress().getPort() + "/hook",
                "http://[::1]:" + receiver.getAddress().getPort() + "/hook", "http://[::ffff:127.0.0.1]:" + receiver.getAddress().getPort() + "/",
                "http://10.0.0.1/hook", "http://169.254.169.254/latest/meta-data/", "ftp://93.184.216.34/")) {
            Delivery d = send(false, url);
            assertThat(d.outcome()).as(url).isEqualTo(Delivery.Outcome.SUPPRESSED);
            assertThat(d.detail()).as(url).contains("refused");
        }
        assertThat(received).isEmpty();
    }

    /**
     * Resolves {@code hooks.example} to a public address and routes that address to the loopback receiver, as the
     * internet would route it to a real one: the guard stays fully on, and only the receiver's location is simulated.
     */
    private WebhookChannel publicReceiverChannel() {
        int port = receiver.getAddress().getPort();
        WebhookChannel.Network network = new WebhookChannel.Network() {
            @Override
            public InetAddress[] resolve(String host) throws java.net.UnknownHostException {
                return host.equals("hooks.example") ? new InetAddress[] {InetAddress.getByName(PUBLIC_IP)} : InetAddress.getAllByName(host);
            }

            @Override
            public Socket socket() {
                return new Socket() {
                    @Override
                    public void connect(SocketAddress endpoint, int timeout) throws IOException {
                        var a = (InetSocketAddress) endpoint;
                        if (!a.getAddress().getHostAddress().equals(PUBLIC_IP)) {
                            throw new AssertionError("connected to an address the guard did not pass: " + a);
                        }
                        super.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeout);
                    }
                };
            }
        };
        return new WebhookChannel(CONFIG, new DestinationGuard(false), CLOCK, network);
    }

    @Test
    void aRedirectToAnInternalAddressIsRefusedAfterTheFirstHop() {
        int port = receiver.getAddress().getPort();
        answer = ex -> status(ex.getRequestURI().getPath().equals("/hook") ? 307 : 200, "Location", "http://127.0.0.1:" + port + "/internal").accept(ex);
        try (var channel = publicReceiverChannel()) {
            Delivery d = channel.deliver(message("http://hooks.example:" + port + "/hook", Map.of()));
            assertThat(d.outcome()).isEqualTo(Delivery.Outcome.SUPPRESSED);
            assertThat(d.detail()).contains("127.0.0.1");
        }
        assertThat(received).extracting(Received::path).containsExactly("/hook");

        received.clear();
        answer = ex -> status(ex.getRequestURI().getPath().equals("/hook") ? 302 : 200, "Location", "http://169.254.169.254/latest/meta-data/").accept(ex);
        try (var channel = publicReceiverChannel()) {
            assertThat(channel.deliver(message("http://hooks.example:" + port + "/hook", Map.of())).outcome()).isEqualTo(Delivery.Outcome.SUPPRESSED);
        }
        assertThat(received).extracting(Received::path).containsExactly("/hook");
    }

    @Test
    void redirectsToAllowedDestinationsAreFollowedWithTheSameSignedBodyUpToALimit() {
        int port = receiver.getAddress().getPort();
        answer = ex -> status(ex.getRequestURI().getPath().equals("/hook") ? 308 : 200, "Location", "/moved").accept(ex);
        try (var channel = publicReceiverChannel()) {
            assertThat(channel.deliver(message("http://hooks.example:" + port + "/hook", Map.of())).outcome()).isEqualTo(Delivery.Outcome.SENT);
        }
        assertThat(received).extracting(Received::path).containsExactly("/hook", "/moved");
        assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
        assertThat(received.get(1).header("X-Waymark-Signature")).isEqualTo(received.get(0).header("X-Waymark-Signature"));

        received.clear();
        answer = status(302, "Location", "/again");
        try (var channel = publicReceiverChannel()) {
            Delivery d = channel.deliver(message("http://hooks.example:" + port + "/hook", Map.of()));
            assertThat(d.outcome()).isEqualTo(Delivery.Outcome.FAILED);
            assertThat(d.detail()).contains("redirects");
        }
        assertThat(received).hasSize(1 + CONFIG.maxRedirects());
    }
}

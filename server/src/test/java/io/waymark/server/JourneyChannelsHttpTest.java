package io.waymark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.waymark.activation.ChannelsConfig;
import io.waymark.core.Json;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journey end to end with the real channels: events arrive over HTTP, the test moves the clock and ticks, the email
 * goes over SMTP to GreenMail and the webhook to an HTTP receiver, both on loopback; a buyer gets neither, and ticking
 * again or restarting the server sends nothing twice.
 */
class JourneyChannelsHttpTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
    static final String SECRET = "a-long-random-webhook-secret";

    /** What the webhook receiver got: headers and body of each POST. */
    record Hook(String signature, String delivery, String body) {
    }

    @TempDir
    Path dir;
    final SegmentHttpTest.MovableClock clock = new SegmentHttpTest.MovableClock(JourneyHttpTest.T0);
    final List<Hook> hooks = Collections.synchronizedList(new ArrayList<>());
    HttpServer receiver;
    TestServer t;

    @BeforeEach
    void receiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            hooks.add(new Hook(ex.getRequestHeaders().getFirst("X-Waymark-Signature"), ex.getRequestHeaders().getFirst("X-Waymark-Delivery"), body));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
    }

    @AfterEach
    void close() {
        if (t != null) {
            t.close();
        }
        receiver.stop(0);
    }

    private void open() {
        var smtp = new ChannelsConfig.Smtp("127.0.0.1", SMTP.getSmtp().getPort(), ChannelsConfig.TlsMode.NONE, null, null,
                "shop@shop.example", Duration.ofSeconds(5));
        var webhook = new ChannelsConfig.Webhook(Duration.ofSeconds(2), Duration.ofSeconds(5), 0, Map.of("default", SECRET));
        // the receiver is on loopback, so this test allows private destinations (DestinationGuardTest covers the refusal)
        t = new TestServer(dir, clock, JourneyHttpTest.MANUAL, new ChannelsConfig(smtp, "http://127.0.0.1:8080", webhook, true), List.of());
    }

    private void send(String type, String body) throws Exception {
        assertThat(t.post("/v1/" + type, body, t.basic(t.writeKey)).status()).isEqualTo(200);
    }

    private void cart(String userId, String email) throws Exception {
        send("identify", "{\"userId\":\"" + userId + "\",\"traits\":{\"email\":\"" + email + "\",\"first_name\":\"Kim\"},\"timestamp\":\"" + clock.instant() + "\"}");
        send("track", "{\"userId\":\"" + userId + "\",\"event\":\"add_to_cart\",\"timestamp\":\"" + clock.instant()
                + "\",\"properties\":{\"productId\":\"p1\",\"name\":\"Blue Mug\",\"price\":12.5}}");
    }

    @Test
    void theCartReminderReachesSmtpAndTheWebhookOnceAndNeverTheBuyer() throws Exception {
        open();
        String journey = """
                {"key": "cart_rescue", "name": "Cart rescue",
                 "trigger": {"type": "event", "event": "add_to_cart"},
                 "steps": [
                   {"id": "wait_1h", "type": "wait", "duration": "1h", "next": "email"},
                   {"id": "email", "type": "send", "channel": "email",
                    "settings": {"template": "cart_reminder", "subject": "{{traits.first_name}}, your cart is waiting", "cartUrl": "https://shop.example/cart"},
                    "next": "crm"},
                   {"id": "crm", "type": "send", "channel": "webhook", "marketing": false,
                    "settings": {"url": "http://127.0.0.1:%d/hook", "traits": ["email"]}}],
                 "exit": {"event": "purchase"}, "goal": {"event": "purchase", "within": "7d"}}""".formatted(receiver.getAddress().getPort());
        var created = t.post("/api/v1/journeys", journey, null);
        assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
        assertThat(t.post("/api/v1/journeys/cart_rescue/start", "", null).status()).isEqualTo(200);

        cart("kim", "kim@example.com");
        cart("buyer", "buyer@example.com");
        t.tick();
        clock.now = clock.now.plus(Duration.ofMinutes(20));
        send("track", "{\"userId\":\"buyer\",\"event\":\"purchase\",\"timestamp\":\"" + clock.instant() + "\",\"properties\":{\"revenue\":12.5}}");
        t.tick();
        clock.now = clock.now.plus(Duration.ofMinutes(41));
        t.tick();
        t.tick();

        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("kim@example.com");
        assertThat(mails[0].getSubject()).isEqualTo("Kim, your cart is waiting");
        assertThat(mails[0].getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");

        assertThat(hooks).hasSize(1);
        Hook hook = hooks.get(0);
        String[] parts = hook.signature().split(",");
        String timestamp = parts[0].substring("t=".length());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + hook.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(parts[1]).isEqualTo("v1=" + expected);
        var payload = Json.MAPPER.readTree(hook.body());
        assertThat(payload.at("/journey/key").asText()).isEqualTo("cart_rescue");
        assertThat(payload.at("/person/traits/email").asText()).isEqualTo("kim@example.com");
        assertThat(payload.at("/person/traits/first_name").isMissingNode()).as("only the traits the step lists").isTrue();

        // a restart and more ticks: the sends are recorded, nothing goes out again
        t.close();
        open();
        clock.now = clock.now.plus(Duration.ofHours(2));
        t.tick();
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        assertThat(hooks).hasSize(1);
        var stats = t.get("/api/v1/journeys/cart_rescue/stats").json();
        assertThat(stats.get("completed").asInt()).isEqualTo(1);
        assertThat(stats.get("exited").asInt()).isEqualTo(1);
    }
}

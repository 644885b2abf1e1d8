package io.waymark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.waymark.activation.Channels;
import io.waymark.activation.ChannelsConfig;
import io.waymark.activation.Delivery;
import io.waymark.activation.OutboundMessage;
import io.waymark.core.Json;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An email sent through the server's channels into GreenMail, its links followed against the real server: opens,
 * clicks and unsubscribes arrive in the store as email touchpoints, and forged links find nothing.
 */
class EmailTrackingHttpTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
    private static final Pattern OUR_LINK = Pattern.compile("(?:href|src)=\"(http://127\\.0\\.0\\.1:\\d+/(?:t/open|t/click|unsubscribe)/[^\"]+)\"");

    @TempDir
    Path dir;
    private TestServer ts;
    private Channels channels;

    @BeforeEach
    void start() {
        ts = new TestServer(dir);
        channels = ts.server.channels(new ChannelsConfig(new ChannelsConfig.Smtp("127.0.0.1", SMTP.getSmtp().getPort(), ChannelsConfig.TlsMode.NONE,
                null, null, "news@shop.example", Duration.ofSeconds(5)), ts.url(""), ChannelsConfig.Webhook.DEFAULTS, false));
    }

    @AfterEach
    void stop() {
        channels.close();
        ts.close();
    }

    private List<String> sendCartEmail(String sendKey) throws Exception {
        Delivery d = channels.byName().get("email").deliver(new OutboundMessage(sendKey, "p-alice", "cart_abandonment", 1, "email_1",
                Map.of("template", "cart_reminder", "cartUrl", "https://shop.example/cart?utm_medium=email"),
                Map.of("traits", Map.of("email", "alice@example.com", "first_name", "Alice"),
                        "identities", Map.of("userIds", List.of("alice"), "anonymousIds", List.of("anon-a")),
                        "cart", List.of(Map.of("name", "Trail Shoes", "price", 89.9, "url", "https://shop.example/p/1")))));
        assertThat(d.outcome()).isEqualTo(Delivery.Outcome.SENT);
        MimeMessage[] got = SMTP.getReceivedMessages();
        Multipart parts = (Multipart) got[got.length - 1].getContent();
        Matcher m = OUR_LINK.matcher((String) parts.getBodyPart(1).getContent());
        List<String> links = new ArrayList<>();
        while (m.find()) {
            links.add(m.group(1).replace("&amp;", "&"));
        }
        return links;
    }

    private static String link(List<String> links, String route, int nth) {
        return links.stream().filter(l -> l.contains("/" + route + "/")).skip(nth).findFirst().orElseThrow();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return ts.http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return ts.http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every row of alice's, as {type, name, channel, source, properties, traits}, after the loader caught up. */
    private List<JsonNode> aliceEvents() throws Exception {
        assertThat(ts.data.collector().awaitLoaded(30_000)).isTrue();
        List<JsonNode> out = new ArrayList<>();
        try (var c = ts.data.store().newConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT type, coalesce(name, ''), channel, source, properties, traits FROM events WHERE user_id = 'alice' ORDER BY type, name")) {
            while (rs.next()) {
                var o = Json.MAPPER.createObjectNode().put("type", rs.getString(1)).put("name", rs.getString(2)).put("channel", rs.getString(3))
                        .put("source", rs.getString(4));
                o.set("properties", Json.MAPPER.readTree(rs.getString(5)));
                o.set("traits", Json.MAPPER.readTree(rs.getString(6)));
                out.add(o);
            }
        }
        return out;
    }

    @Test
    void opensClicksAndUnsubscribesComeBackAsEmailTouchpoints() throws Exception {
        List<String> links = sendCartEmail("cart_abandonment:1:p-alice:e1:email_1");
        assertThat(links).hasSize(4); // item, cart button, unsubscribe, pixel

        HttpResponse<String> pixel = get(link(links, "t/open", 0));
        assertThat(pixel.statusCode()).isEqualTo(200);
        assertThat(pixel.headers().firstValue("Content-Type")).contains("image/gif");
        get(link(links, "t/open", 0)); // a second open of the same email is the same event

        HttpResponse<String> click = get(link(links, "t/click", 1));
        assertThat(click.statusCode()).isEqualTo(302);
        assertThat(click.headers().firstValue("Location")).contains("https://shop.example/cart?utm_medium=email");

        HttpResponse<String> confirm = get(link(links, "unsubscribe", 0));
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("<form method=\"post\">");
        assertThat(aliceEvents()).extracting(e -> e.path("name").asText()).containsExactly("email_click", "email_open");

        // RFC 8058 one-click: the mailbox provider posts this body to the List-Unsubscribe URL
        assertThat(post(link(links, "unsubscribe", 0), "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);

        List<JsonNode> events = aliceEvents();
        assertThat(events).extracting(e -> e.path("type").asText() + ":" + e.path("name").asText())
                .containsExactly("identify:", "track:email_click", "track:email_open", "track:unsubscribed");
        assertThat(events).allSatisfy(e -> assertThat(e.path("channel").asText()).isEqualTo("email"));
        assertThat(events.get(0).path("traits").path("unsubscribed").asBoolean()).isTrue();
        JsonNode clicked = events.get(1).path("properties");
        assertThat(clicked.path("url").asText()).isEqualTo("https://shop.example/cart?utm_medium=email");
        assertThat(clicked.path("journey").asText()).isEqualTo("cart_abandonment");
        assertThat(clicked.path("step").asText()).isEqualTo("email_1");
        assertThat(clicked.path("sendKey").asText()).isEqualTo("cart_abandonment:1:p-alice:e1:email_1");

        // the profile shows the trait the scheduler's suppression reads
        JsonNode persons = ts.get("/api/v1/persons?trait=unsubscribed=true").json();
        assertThat(persons.toString()).contains("alice");
    }

    @Test
    void emailsRecommendWhatTheServersRecommenderDoes() throws Exception {
        for (String purchase : List.of("u1:kettle:mug", "u2:kettle:tea", "u3:kettle:tea", "alice:kettle")) {
            String[] p = purchase.split(":");
            StringBuilder products = new StringBuilder();
            for (int i = 1; i < p.length; i++) {
                products.append(i > 1 ? "," : "").append("{\"productId\":\"").append(p[i]).append("\"}");
            }
            assertThat(ts.track("{\"userId\":\"" + p[0] + "\",\"event\":\"purchase\",\"properties\":{\"products\":[" + products + "]}}")
                    .status()).isEqualTo(200);
        }
        String personId = ts.query("{\"kind\":\"profile\",\"userId\":\"alice\"}").path("personId").asText();
        Delivery d = channels.byName().get("email").deliver(new OutboundMessage("wb1", personId, "win_back", 1, "email_1",
                Map.of("template", "win_back", "recommendations", 2),
                Map.of("traits", Map.of("email", "alice@example.com"), "identities", Map.of("userIds", List.of("alice")))));
        assertThat(d.outcome()).isEqualTo(Delivery.Outcome.SENT);
        String text = (String) ((Multipart) SMTP.getReceivedMessages()[0].getContent()).getBodyPart(0).getContent();
        assertThat(text.replace("\r\n", "\n")).contains("You may also like:\n- tea\n- mug\n");
    }

    @Test
    void forgedOrMisusedTokensFindNothing() throws Exception {
        List<String> links = sendCartEmail("k1");
        String click = link(links, "t/click", 0);
        String token = click.substring(click.lastIndexOf('/') + 1);
        String payload = token.substring(0, token.indexOf('.'));
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new String(
                java.util.Base64.getUrlDecoder().decode(payload), java.nio.charset.StandardCharsets.UTF_8)
                .replace("https://shop.example/p/1", "https://evil.example/").getBytes(java.nio.charset.StandardCharsets.UTF_8));

        for (String path : List.of("/t/click/" + forgedPayload + token.substring(token.indexOf('.')), "/t/click/garbage", "/t/click/a.b",
                "/t/open/" + token, "/unsubscribe/" + token, "/t/click/" + token.substring(0, token.length() - 2) + "AA")) {
            HttpResponse<String> r = get(ts.url(path));
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.headers().firstValue("Location")).as(path).isEmpty();
            assertThat(r.body()).as(path).isEqualTo("Not found");
        }
        assertThat(post(ts.url("/unsubscribe/" + token), "List-Unsubscribe=One-Click").statusCode()).isEqualTo(404);
        assertThat(get(click).headers().firstValue("Location")).contains("https://shop.example/p/1");
        assertThat(aliceEvents()).extracting(e -> e.path("name").asText()).containsExactly("email_click");
    }
}

package io.waymark.activation.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.waymark.activation.ChannelsConfig;
import io.waymark.activation.Delivery;
import io.waymark.activation.OutboundMessage;
import io.waymark.activation.RecommendationSource;
import io.waymark.activation.link.LinkSigner;
import io.waymark.activation.link.LinkToken;
import io.waymark.activation.link.TrackingLinks;
import io.waymark.core.kernel.RecommendationsResult;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The email channel against GreenMail, a real SMTP server in-process on a loopback port. */
class EmailChannelTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final String BASE = "https://waymark.example.com";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final LinkSigner SIGNER = new LinkSigner(new byte[32]);
    private static final Pattern TOKEN = Pattern.compile(Pattern.quote(BASE) + "/(t/click|t/open|unsubscribe)/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");

    private final AtomicInteger recommenderCalls = new AtomicInteger();
    private final RecommendationSource recommendations = (personId, n) -> {
        recommenderCalls.incrementAndGet();
        return List.of(new RecommendationsResult.Item("sku-9", "Rain Jacket", 0.8, "bought_together", "sku-1"),
                new RecommendationsResult.Item("sku-7", "Wool Socks", 0.5, "popular", null)).subList(0, Math.min(n, 2));
    };

    private static ChannelsConfig.Smtp smtp(int port) {
        return new ChannelsConfig.Smtp("127.0.0.1", port, ChannelsConfig.TlsMode.NONE, null, null, "Shop <news@shop.example>", Duration.ofSeconds(5));
    }

    private EmailChannel channel(int port) {
        return new EmailChannel(smtp(port), new TrackingLinks(BASE, SIGNER), recommendations, CLOCK);
    }

    private EmailChannel channel() {
        return channel(SMTP.getSmtp().getPort());
    }

    private static OutboundMessage message(String key, Map<String, Object> traits, Map<String, Object> settings) {
        Map<String, Object> model = new HashMap<>();
        model.put("traits", traits);
        model.put("identities", Map.of("userIds", List.of("alice"), "anonymousIds", List.of()));
        model.put("cart", List.of(Map.of("productId", "sku-1", "name", "Trail Shoes", "price", 89.9, "quantity", 1,
                        "url", "https://shop.example/p/sku-1?ref=cart&size=42"),
                Map.of("productId", "sku-2", "name", "Socks & <Laces>", "price", 4.5, "quantity", 2)));
        return new OutboundMessage(key, "p1", "cart_abandonment", 2, "email_1", settings, model);
    }

    private static Map<String, Object> alice() {
        return Map.of("email", "alice@example.com", "first_name", "<script>alert(1)</script>Alice");
    }

    private static String part(MimeMessage m, String type) throws Exception {
        Multipart mp = (Multipart) m.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
            if (mp.getBodyPart(i).isMimeType(type)) {
                return (String) mp.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static List<LinkToken> tokens(String body, String route) {
        List<LinkToken> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(body);
        while (m.find()) {
            if (m.group(1).equals(route)) {
                out.add(SIGNER.verify(m.group(2)).orElseThrow());
            }
        }
        return out;
    }

    @Test
    void rendersTheCartReminderWithTrackedLinksAndEscapedTraits() throws Exception {
        Delivery d = channel().deliver(message("cart:2:p1:e7:email_1", alice(),
                Map.of("template", "cart_reminder", "cartUrl", "https://shop.example/cart")));

        assertThat(d.outcome()).isEqualTo(Delivery.Outcome.SENT);
        assertThat(d.detail()).startsWith("250");
        MimeMessage m = SMTP.getReceivedMessages()[0];
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("alice@example.com");
        assertThat(m.getFrom()[0].toString()).isEqualTo("Shop <news@shop.example>");
        assertThat(m.getSubject()).isEqualTo("<script>alert(1)</script>Alice, you left something in your cart");
        assertThat(m.isMimeType("multipart/alternative")).isTrue();

        String html = part(m, "text/html");
        assertThat(html).contains("Hi &lt;script&gt;alert(1)&lt;/script&gt;Alice,").doesNotContain("<script>");
        assertThat(html).contains("Trail Shoes").contains("Socks &amp; &lt;Laces&gt;").contains("2 × 4.5");
        assertThat(html).contains("Rain Jacket").contains("Wool Socks");
        assertThat(html).doesNotContain("https://shop.example"); // every link goes through the click route
        assertThat(tokens(html, "t/click")).extracting(LinkToken::url)
                .containsExactly("https://shop.example/p/sku-1?ref=cart&size=42", "https://shop.example/cart");
        LinkToken click = tokens(html, "t/click").get(0);
        assertThat(click).isEqualTo(new LinkToken(LinkToken.Kind.CLICK, "u:alice", "p1", "cart_abandonment", "email_1", "cart:2:p1:e7:email_1",
                "https://shop.example/p/sku-1?ref=cart&size=42"));
        assertThat(tokens(html, "t/open")).hasSize(1);
        assertThat(html.indexOf("/t/open/")).isLessThan(html.indexOf("</body>"));
        assertThat(tokens(html, "unsubscribe")).extracting(LinkToken::kind).containsExactly(LinkToken.Kind.UNSUBSCRIBE);

        String text = part(m, "text/plain");
        assertThat(text).startsWith("Hi <script>alert(1)</script>Alice,").contains("- Trail Shoes × 1 (89.9)").contains("Socks & <Laces>");
        assertThat(tokens(text, "t/click")).extracting(LinkToken::url).containsExactly("https://shop.example/p/sku-1?ref=cart&size=42",
                "https://shop.example/cart");
        assertThat(tokens(text, "unsubscribe")).hasSize(1);
    }

    @Test
    void carriesOneClickUnsubscribeHeadersAndAMessageIdDerivedFromTheKey() throws Exception {
        EmailChannel channel = channel();
        var settings = Map.<String, Object>of("template", "welcome");
        channel.deliver(message("welcome:1:p1:e1:email_1", alice(), settings));
        channel.deliver(message("welcome:1:p1:e1:email_1", alice(), settings)); // a retry of the same send
        channel.deliver(message("welcome:1:p1:e2:email_1", alice(), settings));

        MimeMessage[] got = SMTP.getReceivedMessages();
        assertThat(got).hasSize(3);
        assertThat(got[0].getMessageID()).isEqualTo(got[1].getMessageID()).isEqualTo(channel.messageId("welcome:1:p1:e1:email_1"))
                .matches("<[0-9a-f]{32}@shop\\.example>");
        assertThat(got[2].getMessageID()).isNotEqualTo(got[0].getMessageID());
        String listUnsubscribe = got[0].getHeader("List-Unsubscribe")[0];
        assertThat(listUnsubscribe).startsWith("<" + BASE + "/unsubscribe/").endsWith(">");
        assertThat(tokens(listUnsubscribe, "unsubscribe")).extracting(LinkToken::sendKey).containsExactly("welcome:1:p1:e1:email_1");
        assertThat(got[0].getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(got[0].getSubject()).isEqualTo("Welcome, <script>alert(1)</script>Alice!");
    }

    @Test
    void theStepsSubjectAndParamsAreRendered() throws Exception {
        channel().deliver(message("k1", Map.of("email", "bob@example.com", "first_name", "Bob"), Map.of("template", "cart_offer",
                "subject", "{{traits.first_name}}: {{settings.offer}} off", "offer", "10%", "offerCode", "COMEBACK10", "cartUrl",
                "https://shop.example/cart")));
        MimeMessage m = SMTP.getReceivedMessages()[0];
        assertThat(m.getSubject()).isEqualTo("Bob: 10% off");
        assertThat(part(m, "text/plain")).contains("now it is 10% off");
        assertThat(part(m, "text/html")).contains("<strong>COMEBACK10</strong>").contains("Hi Bob,");
    }

    @Test
    void everyShippedTemplateRendersWithAndWithoutOptionalValues() throws Exception {
        int i = 0;
        for (String template : EmailTemplates.SHIPPED) {
            channel().deliver(message("k" + i++, Map.of("email", "c@example.com"), Map.of("template", template)));
            channel().deliver(message("k" + i++, alice(), Map.of("template", template, "shopUrl", "https://shop.example",
                    "surveyUrl", "https://shop.example/s", "reviewUrl", "https://shop.example/r", "reorderUrl", "https://shop.example/o",
                    "offerCode", "X1", "offer", "15%")));
        }
        MimeMessage[] got = SMTP.getReceivedMessages();
        assertThat(got).hasSize(2 * EmailTemplates.SHIPPED.size());
        for (MimeMessage m : got) {
            assertThat(m.getSubject()).isNotBlank().doesNotContain("{{");
            assertThat(part(m, "text/html")).contains("Unsubscribe").doesNotContain("{{");
            assertThat(tokens(part(m, "text/plain"), "unsubscribe")).hasSize(1);
        }
    }

    @Test
    void recommendationsComeFromTheModelOrTheSourceOnlyWhenTheTemplateShowsThem() throws Exception {
        EmailChannel channel = channel();
        channel.deliver(message("k1", alice(), Map.of("template", "survey_csat")));
        assertThat(recommenderCalls).hasValue(0);
        channel.deliver(message("k2", alice(), Map.of("template", "win_back", "recommendations", 1, "shopUrl", "https://shop.example")));
        assertThat(recommenderCalls).hasValue(1);
        String html = part(SMTP.getReceivedMessages()[1], "text/html");
        assertThat(html).contains("Rain Jacket").doesNotContain("Wool Socks");
        assertThat(tokens(html, "t/click")).extracting(LinkToken::url).containsExactly("https://shop.example/products/sku-9", "https://shop.example");

        var withModel = message("k3", alice(), Map.of("template", "win_back"));
        var model = new HashMap<>(withModel.model());
        model.put("recommendations", List.of(Map.of("itemId", "sku-5", "name", "Gift Card")));
        channel.deliver(new OutboundMessage("k3", "p1", "win_back", 1, "email_1", withModel.settings(), model));
        assertThat(recommenderCalls).hasValue(1);
        assertThat(part(SMTP.getReceivedMessages()[2], "text/plain")).contains("- Gift Card");
    }

    @Test
    void noAddressOrUnsubscribedIsSuppressedAndAnUnknownTemplateFails() {
        EmailChannel channel = channel();
        assertThat(channel.deliver(message("k1", Map.of("first_name", "Al"), Map.of("template", "welcome"))).outcome())
                .isEqualTo(Delivery.Outcome.SUPPRESSED);
        assertThat(channel.deliver(message("k2", Map.of("email", "a@example.com", "unsubscribed", true), Map.of("template", "welcome"))).outcome())
                .isEqualTo(Delivery.Outcome.SUPPRESSED);
        assertThat(channel.deliver(message("k3", alice(), Map.of("template", "../welcome"))).outcome()).isEqualTo(Delivery.Outcome.FAILED);
        assertThat(channel.deliver(message("k4", alice(), Map.of())).outcome()).isEqualTo(Delivery.Outcome.FAILED);
        assertThat(channel.deliver(message("k5", Map.of("email", "not an address"), Map.of("template", "welcome"))).outcome())
                .isEqualTo(Delivery.Outcome.FAILED);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void anUnreachableRelayIsRetried() throws IOException {
        int closedPort;
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Delivery d = channel(closedPort).deliver(message("k1", alice(), Map.of("template", "welcome")));
        assertThat(d.outcome()).isEqualTo(Delivery.Outcome.RETRY);
    }

    @Test
    void transientRepliesAreRetriedAndPermanentOnesFail() throws IOException {
        try (var relay = new FakeSmtpServer("451 4.3.0 try again later")) {
            Delivery d = channel(relay.port()).deliver(message("k1", alice(), Map.of("template", "welcome")));
            assertThat(d.outcome()).isEqualTo(Delivery.Outcome.RETRY);
            assertThat(d.detail()).startsWith("SMTP 451");
        }
        try (var relay = new FakeSmtpServer("550 5.1.1 mailbox unavailable")) {
            Delivery d = channel(relay.port()).deliver(message("k1", alice(), Map.of("template", "welcome")));
            assertThat(d.outcome()).isEqualTo(Delivery.Outcome.FAILED);
            assertThat(d.detail()).startsWith("SMTP 550");
        }
    }
}

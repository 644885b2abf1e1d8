package io.waymark.activation.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class LinkRewriterTest {
    private static final UnaryOperator<String> TRACK = url -> "https://wm.example/t/click/[" + url + "]";

    @Test
    void rewritesHttpHrefsUnescapingTheirValue() {
        String html = "<a class=\"b\" href=\"https://shop.example/p?a=1&amp;b=2\">x</a> <A HREF='http://shop.example/'>y</A>"
                + " <a href=\"mailto:help@shop.example\">m</a> <a href=\"javascript:alert(1)\">j</a> <a href=\"https://bad host/\">s</a>";
        assertThat(LinkRewriter.html(html, TRACK)).isEqualTo(
                "<a class=\"b\" href=\"https://wm.example/t/click/[https://shop.example/p?a=1&amp;b=2]\">x</a>"
                        + " <A HREF='https://wm.example/t/click/[http://shop.example/]'>y</A>"
                        + " <a href=\"mailto:help@shop.example\">m</a> <a href=\"javascript:alert(1)\">j</a> <a href=\"https://bad host/\">s</a>");
    }

    @Test
    void rewritesBareUrlsOfTextLeavingSentencePunctuation() {
        assertThat(LinkRewriter.text("See https://shop.example/sale. Or (https://shop.example/x)!", TRACK))
                .isEqualTo("See https://wm.example/t/click/[https://shop.example/sale]. Or (https://wm.example/t/click/[https://shop.example/x])!");
    }

    @Test
    void unescapesNamedAndNumericReferences() {
        assertThat(LinkRewriter.unescape("a&amp;b&#61;c&#x3D;d&quot;&#39;&lt;&gt;&#9999999;")).isEqualTo("a&b=c=d\"'<>&#9999999;");
    }
}

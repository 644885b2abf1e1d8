package io.waymark.activation.email;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the links of a rendered email through the click route: every {@code href} of an {@code <a>} in the HTML
 * part and every bare URL of the text part that is http(s) and not already one of ours. Only http(s) targets are
 * tracked, so a {@code mailto:} or {@code tel:} link keeps working without a redirect.
 */
final class LinkRewriter {
    private static final Pattern HREF = Pattern.compile("(<a\\b[^>]*?\\bhref\\s*=\\s*)([\"'])(.*?)\\2", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TEXT_URL = Pattern.compile("https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);
    /** Trailing punctuation ends a sentence, not a URL ("see https://shop.example/sale."). */
    private static final Pattern TRAILING = Pattern.compile("[.,;:!?)\\]]+$");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|quot|apos|lt|gt);");

    private LinkRewriter() {
    }

    /** @param track the tracked URL of a target, or the target itself when it is not to be tracked */
    static String html(String html, UnaryOperator<String> track) {
        Matcher m = HREF.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 256);
        while (m.find()) {
            String target = unescape(m.group(3).trim());
            String replaced = isHttp(target) ? escapeAttribute(track.apply(target)) : m.group(3);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + replaced + m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String text(String text, UnaryOperator<String> track) {
        Matcher m = TEXT_URL.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 256);
        while (m.find()) {
            String url = m.group();
            Matcher t = TRAILING.matcher(url);
            String tail = t.find() ? t.group() : "";
            url = url.substring(0, url.length() - tail.length());
            m.appendReplacement(out, Matcher.quoteReplacement((isHttp(url) ? track.apply(url) : url) + tail));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** An http(s) URL that parses (RFC 3986): no spaces or control characters can reach the redirect's Location header. */
    private static boolean isHttp(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (!u.startsWith("http://") && !u.startsWith("https://")) {
            return false;
        }
        try {
            return new URI(url).getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Undoes the HTML escaping of an attribute value (JMustache's escapes and numeric references). */
    static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String e = m.group(1);
            String c = switch (e) {
                case "amp" -> "&";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "lt" -> "<";
                case "gt" -> ">";
                default -> {
                    int cp = e.startsWith("#x") ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1));
                    yield Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : m.group();
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(c));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String escapeAttribute(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("'", "&#39;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

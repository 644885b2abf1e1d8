package io.waymark.activation.email;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The email templates shipped with Waymark ({@code resources/io/waymark/activation/email/templates}: for each
 * name a {@code .subject}, an {@code .html} and a {@code .txt}, sharing {@code _…} partials), rendered with
 * JMustache. Mustache is logic-less (no expressions, no method calls on arbitrary objects: the opposite of the
 * expression languages that gave Apache Unomi its remote-code-execution CVEs), and the HTML part escapes every
 * {@code {{value}}} by default; the subject and text parts are not HTML and are not escaped. A missing value renders
 * as nothing, so a person without a {@code first_name} still gets a sensible greeting.
 */
final class EmailTemplates {
    /** The emails of the shipped journey templates: cart abandonment, post-purchase follow-up, replenishment, win-back, welcome. */
    static final Set<String> SHIPPED = Set.of("cart_reminder", "cart_offer", "survey_csat", "review_request", "replenishment",
            "win_back", "win_back_last_call", "welcome", "welcome_tips");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final String ROOT = "templates/";

    /** One template's three parts. */
    record Parts(Template subject, Template html, Template text) {
    }

    private final Mustache.Compiler html;
    private final Mustache.Compiler plain;
    private final Map<String, Parts> compiled = new ConcurrentHashMap<>();

    EmailTemplates() {
        Mustache.Compiler base = Mustache.compiler().defaultValue("").withLoader(EmailTemplates::partial);
        this.html = base.escapeHTML(true);
        this.plain = base.escapeHTML(false);
    }

    static boolean exists(String name) {
        return NAME.matcher(name).matches() && EmailTemplates.class.getResource(ROOT + name + ".html") != null;
    }

    /** The compiled parts of {@code name}; an IllegalArgumentException when there is no such template. */
    Parts get(String name) {
        if (!exists(name)) {
            throw new IllegalArgumentException("no email template '" + name + "'");
        }
        return compiled.computeIfAbsent(name, n -> new Parts(plain.compile(read(n + ".subject")), html.compile(read(n + ".html")),
                plain.compile(read(n + ".txt"))));
    }

    /** Renders a subject given in a step's settings (plain text, values not escaped). */
    String renderSubject(String template, Object context) {
        return oneLine(plain.compile(template).execute(context));
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    private static Reader partial(String name) {
        if (!name.startsWith("_") || name.contains("/")) {
            throw new MustacheException("partials are named _…: " + name);
        }
        return new StringReader(read(name));
    }

    private static String read(String file) {
        try (InputStream in = EmailTemplates.class.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IllegalArgumentException("missing template file " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read template " + file, e);
        }
    }
}

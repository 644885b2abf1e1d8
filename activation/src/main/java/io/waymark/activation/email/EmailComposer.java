package io.waymark.activation.email;

import com.fasterxml.jackson.core.type.TypeReference;
import io.waymark.activation.OutboundMessage;
import io.waymark.activation.RecommendationSource;
import io.waymark.activation.link.LinkToken;
import io.waymark.activation.link.TrackingLinks;
import io.waymark.core.Json;
import io.waymark.core.error.WaymarkException;
import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an {@link OutboundMessage} into a {@link RenderedEmail}: the template's context (the message's model, the
 * step's {@code settings}, the unsubscribe URL, recommendations fetched only if the template shows them), the three
 * parts rendered, links rewritten through the click route and the open pixel appended.
 */
final class EmailComposer {
    private static final Logger LOG = LoggerFactory.getLogger(EmailComposer.class);
    static final int DEFAULT_RECOMMENDATIONS = 4;
    static final int MAX_RECOMMENDATIONS = 20;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** Why a message cannot become an email; the channel maps it to SUPPRESSED or FAILED. */
    static final class Refusal extends Exception {
        final boolean suppress;

        Refusal(boolean suppress, String message) {
            super(message, null, false, false);
            this.suppress = suppress;
        }
    }

    private final EmailTemplates templates;
    private final TrackingLinks links;
    private final RecommendationSource recommendations;

    EmailComposer(EmailTemplates templates, TrackingLinks links, RecommendationSource recommendations) {
        this.templates = templates;
        this.links = links;
        this.recommendations = recommendations;
    }

    /** The settings {@link #compose} reads, checked when a step is saved. */
    void validate(Map<String, Object> settings, String path) {
        Object template = settings.get("template");
        if (!(template instanceof String)) {
            throw WaymarkException.missing(path + ".template");
        }
        if (!EmailTemplates.exists((String) template)) {
            throw WaymarkException.invalid(path + ".template", "no email template '" + template + "'; shipped: "
                    + String.join(", ", new TreeSet<>(EmailTemplates.SHIPPED)));
        }
        Object subject = settings.get("subject");
        if (subject != null) {
            try {
                templates.renderSubject(String.valueOf(subject), Map.of());
            } catch (RuntimeException e) {
                throw WaymarkException.invalid(path + ".subject", "'" + path + ".subject' is not a valid Mustache template: " + e.getMessage());
            }
        }
        Object n = settings.get("recommendations");
        if (n != null && !(n instanceof Integer && (Integer) n >= 0 && (Integer) n <= MAX_RECOMMENDATIONS)) {
            throw WaymarkException.invalid(path + ".recommendations", "'" + path + ".recommendations' must be an integer from 0 to " + MAX_RECOMMENDATIONS);
        }
    }

    RenderedEmail compose(OutboundMessage m) throws Refusal {
        // plain maps and lists, whatever the scheduler put in (records, JSON trees): all JMustache needs to walk
        Map<String, Object> model = new HashMap<>(Json.MAPPER.convertValue(m.model(), MAP));
        Map<String, Object> settings = Json.MAPPER.convertValue(m.settings(), MAP);
        Map<String, Object> traits = map(model.get("traits"));
        Object address = traits.get("email");
        if (!(address instanceof String) || ((String) address).isBlank()) {
            throw new Refusal(true, "no email address");
        }
        if (Boolean.TRUE.equals(traits.get("unsubscribed"))) {
            throw new Refusal(true, "unsubscribed");
        }
        Object templateName = settings.get("template");
        if (!(templateName instanceof String) || !EmailTemplates.exists((String) templateName)) {
            throw new Refusal(false, "unknown email template " + templateName);
        }
        String identity = identity(map(model.get("identities")));
        if (identity == null) {
            throw new Refusal(false, "the model has no identities to record opens and clicks under");
        }
        model.put("traits", traits);
        model.put("settings", settings);
        if (!(model.get("recommendations") instanceof List)) {
            model.put("recommendations", lazyRecommendations(m.personId(), settings.get("recommendations")));
        }
        String unsubscribe = links.url(token(m, identity, LinkToken.Kind.UNSUBSCRIBE, null));
        model.put("unsubscribeUrl", unsubscribe);
        EmailTemplates.Parts parts = templates.get((String) templateName);
        String subject = settings.get("subject") instanceof String
                ? templates.renderSubject((String) settings.get("subject"), model)
                : EmailTemplates.oneLine(parts.subject().execute(model));
        model.put("subject", subject);
        UnaryOperator<String> track = url -> links.isOurs(url) ? url : links.url(token(m, identity, LinkToken.Kind.CLICK, url));
        String html = withPixel(LinkRewriter.html(parts.html().execute(model), track), links.url(token(m, identity, LinkToken.Kind.OPEN, null)));
        String text = LinkRewriter.text(parts.text().execute(model), track);
        return new RenderedEmail(((String) address).trim(), subject, html, text, unsubscribe);
    }

    /** The open pixel goes last in the body, so a client that stops loading images part-way has shown the content. */
    private static String withPixel(String html, String url) {
        String pixel = "<img src=\"" + url + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none\">";
        int body = html.toLowerCase(Locale.ROOT).lastIndexOf("</body>");
        return body < 0 ? html + pixel : html.substring(0, body) + pixel + html.substring(body);
    }

    private List<Object> lazyRecommendations(String personId, Object count) {
        int n = count instanceof Number ? Math.min(MAX_RECOMMENDATIONS, ((Number) count).intValue()) : DEFAULT_RECOMMENDATIONS;
        return new Lazy<>(() -> n <= 0 ? List.of() : recommend(personId, n));
    }

    /** An email without recommendations beats no email: a failing recommender leaves the section empty. */
    private List<Object> recommend(String personId, int n) {
        try {
            return Json.MAPPER.convertValue(recommendations.recommend(personId, n), new TypeReference<List<Object>>() {
            });
        } catch (RuntimeException e) {
            LOG.warn("no recommendations for an email: {}", e.getMessage());
            return List.of();
        }
    }

    private static LinkToken token(OutboundMessage m, String identity, LinkToken.Kind kind, String url) {
        return new LinkToken(kind, identity, m.personId(), m.journeyKey(), m.stepId(), m.idempotencyKey(), url);
    }

    /** The identity events about this email are recorded under: the first user id, else the first anonymous id. */
    private static String identity(Map<String, Object> identities) {
        for (String[] kind : new String[][] {{"userIds", "u:"}, {"anonymousIds", "a:"}}) {
            if (identities.get(kind[0]) instanceof List && !((List<?>) identities.get(kind[0])).isEmpty()) {
                return kind[1] + ((List<?>) identities.get(kind[0])).get(0);
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    /** A list computed on first use, so a template that shows no recommendations costs no recommender call. */
    static final class Lazy<T> extends AbstractList<T> {
        private final Supplier<List<T>> supplier;
        private List<T> items;

        Lazy(Supplier<List<T>> supplier) {
            this.supplier = supplier;
        }

        private List<T> items() {
            if (items == null) {
                items = supplier.get();
            }
            return items;
        }

        @Override
        public T get(int index) {
            return items().get(index);
        }

        @Override
        public int size() {
            return items().size();
        }
    }
}

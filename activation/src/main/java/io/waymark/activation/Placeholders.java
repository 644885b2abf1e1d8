package io.waymark.activation;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{traits.first_name}}}-style placeholders from a message model (nested maps); a missing value renders
 * as nothing. Only dotted lookups: no expressions, so a template can never run code.
 */
final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.$-]+)\\s*}}");

    private Placeholders() {
    }

    static String render(String template, Map<String, Object> model) {
        if (template == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = model;
            for (String k : m.group(1).split("\\.")) {
                v = v instanceof Map<?, ?> map ? map.get(k) : null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v == null || v instanceof Map || v instanceof Iterable ? "" : v.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }
}

package io.waymark.core.query;

import io.waymark.core.error.WaymarkException;
import java.util.List;

/**
 * A field of an event that filters and breakdowns refer to: {@code channel}, {@code event} (the
 * event key, see {@link #EVENT}), {@code type}, or a path into {@code properties}, {@code context}
 * or {@code traits} such as {@code properties.category} or {@code context.campaign.source}.
 */
public record FieldPath(Root root, List<String> keys) {
    public enum Root { CHANNEL, EVENT, TYPE, PROPERTIES, CONTEXT, TRAITS }

    public static final FieldPath CHANNEL = new FieldPath(Root.CHANNEL, List.of());
    public static final FieldPath EVENT = new FieldPath(Root.EVENT, List.of());
    public static final FieldPath PAGE_PATH = new FieldPath(Root.CONTEXT, List.of("page", "path"));
    public static final FieldPath CAMPAIGN_SOURCE = new FieldPath(Root.CONTEXT, List.of("campaign", "source"));

    public FieldPath {
        keys = List.copyOf(keys);
    }

    /** Parses {@code text}; errors name {@code field}, the spec field the text came from. */
    public static FieldPath parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw WaymarkException.invalid(field, "'" + field + "' must name an event field, e.g. channel or properties.category");
        }
        String[] parts = text.split("\\.", -1);
        Root root = switch (parts[0]) {
            case "channel" -> Root.CHANNEL;
            case "event" -> Root.EVENT;
            case "type" -> Root.TYPE;
            case "properties" -> Root.PROPERTIES;
            case "context" -> Root.CONTEXT;
            case "traits" -> Root.TRAITS;
            default -> null;
        };
        if (root == null) {
            // A bare name is a property, as in Mixpanel and PostHog breakdowns.
            root = Root.PROPERTIES;
            parts = ("properties." + text).split("\\.", -1);
        }
        boolean nested = root == Root.PROPERTIES || root == Root.CONTEXT || root == Root.TRAITS;
        if (nested != parts.length > 1) {
            throw WaymarkException.invalid(field, nested
                    ? "'" + text + "' needs a key after '" + parts[0] + ".'"
                    : "'" + parts[0] + "' has no nested keys");
        }
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].isEmpty() || parts[i].indexOf('"') >= 0) {
                throw WaymarkException.invalid(field, "'" + text + "' has an empty key or a key with a quote");
            }
        }
        return new FieldPath(root, List.of(parts).subList(1, parts.length));
    }

    /** True for the nested JSON roots, whose values engines read from the event's JSON. */
    public boolean isJson() {
        return !keys.isEmpty();
    }

    @Override
    public String toString() {
        return root.name().toLowerCase() + (keys.isEmpty() ? "" : "." + String.join(".", keys));
    }
}

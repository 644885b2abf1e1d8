package io.waymark.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;

/**
 * Decides the channel of a touchpoint. An explicit {@code context.channel} or
 * {@code properties.channel} wins (so POS, support and survey systems can say where they come
 * from); otherwise the UTM medium of the campaign names it (email, social, paid search/display),
 * otherwise pages are web and screens are app.
 */
public final class ChannelInference {
    private static final Set<String> EMAIL_MEDIUMS = Set.of("email", "e-mail", "newsletter");
    private static final Set<String> SOCIAL_MEDIUMS = Set.of("social", "social-network", "social-media", "sm", "social_paid", "paid_social");
    private static final Set<String> ADS_MEDIUMS = Set.of("cpc", "ppc", "paid", "paidsearch", "paid_search", "display", "cpm", "banner", "ads", "ad", "affiliate", "retargeting");

    private ChannelInference() {
    }

    /**
     * The few values of a message that decide its channel. Only text values count: a number or an
     * object where a name is expected names no channel, medium or library.
     */
    public record Clues(String contextChannel, String propertiesChannel, String campaignMedium, String libraryName, boolean hasPage) {
    }

    public static Channel infer(EventType type, ObjectNode context, ObjectNode properties) {
        return infer(type, new Clues(text(context.path("channel")), text(properties.path("channel")),
                text(context.path("campaign").path("medium")), text(context.path("library").path("name")), context.has("page")));
    }

    public static Channel infer(EventType type, Clues clues) {
        Channel explicit = explicit(clues.contextChannel());
        if (explicit == null) {
            explicit = explicit(clues.propertiesChannel());
        }
        if (explicit != null) {
            return explicit;
        }
        Channel byMedium = fromMedium(clues.campaignMedium());
        if (byMedium != null) {
            return byMedium;
        }
        return switch (type) {
            case PAGE -> Channel.WEB;
            case SCREEN -> Channel.APP;
            default -> fromLibrary(clues);
        };
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : null;
    }

    private static Channel explicit(String value) {
        return value == null ? null : Channel.fromWire(value);
    }

    /** Maps a UTM medium to a channel, or null when the medium says nothing about one. */
    public static Channel fromMedium(String medium) {
        if (medium == null) {
            return null;
        }
        String m = medium.trim().toLowerCase(Locale.ROOT);
        if (EMAIL_MEDIUMS.contains(m)) {
            return Channel.EMAIL;
        }
        if (SOCIAL_MEDIUMS.contains(m)) {
            return Channel.SOCIAL;
        }
        if (ADS_MEDIUMS.contains(m)) {
            return Channel.ADS;
        }
        return null;
    }

    /** Track calls from mobile SDKs are app touchpoints, from browsers web ones, from servers "other". */
    private static Channel fromLibrary(Clues clues) {
        String lib = clues.libraryName() == null ? "" : clues.libraryName().toLowerCase(Locale.ROOT);
        if (lib.contains("ios") || lib.contains("android") || lib.contains("react-native") || lib.contains("flutter")) {
            return Channel.APP;
        }
        if (lib.contains("analytics.js") || lib.contains("analytics-next") || clues.hasPage()) {
            return Channel.WEB;
        }
        return Channel.OTHER;
    }
}

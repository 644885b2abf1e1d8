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

    public static Channel infer(EventType type, ObjectNode context, ObjectNode properties) {
        Channel explicit = explicit(context.path("channel"));
        if (explicit == null) {
            explicit = explicit(properties.path("channel"));
        }
        if (explicit != null) {
            return explicit;
        }
        Channel byMedium = fromMedium(context.path("campaign").path("medium").asText(null));
        if (byMedium != null) {
            return byMedium;
        }
        return switch (type) {
            case PAGE -> Channel.WEB;
            case SCREEN -> Channel.APP;
            default -> fromLibrary(context);
        };
    }

    private static Channel explicit(JsonNode node) {
        return node.isTextual() ? Channel.fromWire(node.asText()) : null;
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
    private static Channel fromLibrary(ObjectNode context) {
        String lib = context.path("library").path("name").asText("").toLowerCase(Locale.ROOT);
        if (lib.contains("ios") || lib.contains("android") || lib.contains("react-native") || lib.contains("flutter")) {
            return Channel.APP;
        }
        if (lib.contains("analytics.js") || lib.contains("analytics-next") || context.has("page")) {
            return Channel.WEB;
        }
        return Channel.OTHER;
    }
}

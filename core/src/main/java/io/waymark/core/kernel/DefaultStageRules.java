package io.waymark.core.kernel;

import io.waymark.core.Json;
import io.waymark.core.query.StageRules;

/**
 * The journey stages Waymark ships with ({@code default-stages.json} beside this class), after the
 * classic awareness → loyalty customer-journey model: awareness, consideration, decision, purchase,
 * post-purchase (retention) and loyalty (repeat purchase, advocacy). Its pre-purchase / purchase /
 * post-purchase split is the one of Lemon &amp; Verhoef, "Understanding Customer Experience Throughout
 * the Customer Journey", Journal of Marketing 80(6), 2016. The file goes through the same
 * validation as a request's {@code "stages"}.
 */
public final class DefaultStageRules {
    private static final String RESOURCE = "default-stages.json";
    private static final StageRules RULES = load();

    private DefaultStageRules() {
    }

    public static StageRules get() {
        return RULES;
    }

    private static StageRules load() {
        try {
            // readTree closes the stream (Jackson's AUTO_CLOSE_SOURCE is on by default).
            return StageRules.parseDocument(Json.MAPPER.readTree(DefaultStageRules.class.getResourceAsStream(RESOURCE)));
        } catch (Exception e) {
            throw new IllegalStateException("the bundled " + RESOURCE + " is missing or invalid", e);
        }
    }
}

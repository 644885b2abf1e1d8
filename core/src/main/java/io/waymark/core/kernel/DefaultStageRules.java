package io.waymark.core.kernel;

import io.waymark.core.Json;
import io.waymark.core.query.StageRules;

/**
 * The journey stages Waymark ships with, after the
 * classic awareness → loyalty customer-journey model: awareness, consideration, decision, purchase,
 * post-purchase (retention) and loyalty (repeat purchase, advocacy). Its pre-purchase / purchase /
 * post-purchase split is the one of Lemon &amp; Verhoef, "Understanding Customer Experience Throughout
 * the Customer Journey", Journal of Marketing 80(6), 2016. The JSON goes through the same
 * validation as a request's {@code "stages"}.
 */
public final class DefaultStageRules {
    /** Kept in the code rather than a resource file so that {@code core} reads nothing at run time. */
    static final String JSON = """
            {
              "description": "Waymark's default journey stages, after the classic customer-journey model (awareness, consideration, decision/purchase, retention, loyalty/advocacy). Replace them per request with \\"stages\\" or for a data directory with DIR/stages.json (same format).",
              "stages": [
                {"name": "awareness", "first": true, "or": [
                  {"channels": ["ads", "social"]},
                  {"where": [{"field": "context.campaign.medium", "op": "in", "value": ["cpc", "social", "paid"]}]}
                ]},
                {"name": "consideration", "events": ["product_view", "search", "email_click"]},
                {"name": "decision", "events": ["add_to_cart", "checkout_started", "checkout_shipping", "checkout_payment"]},
                {"name": "purchase", "events": ["purchase"]},
                {"name": "post-purchase", "events": ["delivery", "return", "support_ticket", "review"]},
                {"name": "loyalty", "events": ["purchase"], "minOccurrence": 2, "or": [{"events": ["referral"]}]}
              ]
            }
            """;
    private static final StageRules RULES = parse();

    private DefaultStageRules() {
    }

    public static StageRules get() {
        return RULES;
    }

    private static StageRules parse() {
        try {
            return StageRules.parseDocument(Json.MAPPER.readTree(JSON));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the default stage rules are not valid JSON", e);
        }
    }
}

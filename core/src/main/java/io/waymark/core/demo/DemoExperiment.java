package io.waymark.core.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.Json;
import io.waymark.core.experiment.Assignment;
import io.waymark.core.experiment.Experiment;
import io.waymark.core.experiment.Variant;

/**
 * The finished experiment the demo plants on its pain point: during the last {@link #DAYS} days, mobile shoppers who
 * reach the shipping step are split 50/50 between the slow shipping page ({@code control}) and a fixed, fast one
 * ({@code fast_shipping}), assigned like {@code /api/v1/decide} does (by user id, else anonymous id) and exposed
 * with a {@code $experiment_exposure} event. The fast page loads like the desktop one and more people continue
 * to payment, so purchase conversion rises visibly.
 */
public final class DemoExperiment {
    public static final String KEY = "fast_mobile_shipping";
    public static final int DAYS = 30;
    /** Continuing from shipping to payment on a phone with the fixed page (slow page: {@link SessionSimulator#CONTINUE_TO_PAYMENT_MOBILE}). */
    static final double CONTINUE_TO_PAYMENT_FAST = 0.62;
    static final String FAST = "fast_shipping";

    private static final String DEFINITION = """
            {"key": "fast_mobile_shipping", "name": "Fast shipping step on mobile",
             "variants": [{"key": "control", "weight": 1}, {"key": "fast_shipping", "weight": 1}],
             "metric": {"name": "purchase conversion", "type": "conversion", "event": "purchase", "window": "1d"},
             "guardrails": [{"name": "support tickets", "type": "count", "event": "support_ticket", "window": "14d", "higherIsBetter": false},
                            {"name": "revenue per person", "type": "revenue", "window": "14d"}]}""";
    private static final Experiment EXPERIMENT = Experiment.parse(definition());

    private DemoExperiment() {
    }

    /** The experiment's definition, as {@code waymark demo} saves it. */
    public static JsonNode definition() {
        return json(DEFINITION);
    }

    /** The variant of a unit (user id, else anonymous id). */
    static String variant(String unit) {
        return variant(EXPERIMENT, unit);
    }

    /** A demo experiment's variant for a unit, as {@code /api/v1/decide} assigns it. */
    static String variant(Experiment experiment, String unit) {
        Variant v = Assignment.variant(experiment, unit);
        return v == null ? null : v.key();
    }

    static JsonNode json(String definition) {
        try {
            return Json.MAPPER.readTree(definition);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.waymark.core.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.experiment.Experiment;

/**
 * The cart-abandonment journey the demo shop ran during the last {@link #DAYS} days, with a holdout so its effect can
 * be measured: a signed-in person whose visit ends with a filled cart and no order enters; an hour later, if they have
 * not come back or bought, they are split 50/50 by user id into {@code holdout} (nothing is sent) and {@code email}
 * (a reminder with the cart, and 24 hours later a second one with a 10% code), and the split is recorded as a
 * {@code $experiment_exposure} of {@link #EXPERIMENT_KEY}, as the journey's random-split step does. The e-mails carry
 * UTM parameters of the {@code cart_abandonment} campaign, so attribution credits the e-mail channel with the orders
 * their clicks bring.
 */
public final class DemoJourney {
    public static final String JOURNEY_KEY = "cart_abandonment";
    public static final String EXPERIMENT_KEY = "cart_abandonment_email";
    public static final int DAYS = 30;
    static final String EMAIL = "email";
    static final String OFFER_COUPON = "COMEBACK10";

    private static final String DEFINITION = """
            {"key": "cart_abandonment_email", "name": "Cart abandonment e-mails vs holdout",
             "variants": [{"key": "holdout", "weight": 1}, {"key": "email", "weight": 1}],
             "metric": {"name": "purchase conversion", "type": "conversion", "event": "purchase", "window": "3d"},
             "guardrails": [{"name": "revenue per person", "type": "revenue", "window": "7d"}]}""";
    private static final Experiment EXPERIMENT = Experiment.parse(definition());

    private DemoJourney() {
    }

    /** The holdout experiment's definition, as {@code waymark demo} saves it. */
    public static JsonNode definition() {
        return DemoExperiment.json(DEFINITION);
    }

    static String variant(String userId) {
        return DemoExperiment.variant(EXPERIMENT, userId);
    }
}

package io.waymark.core.query;

import java.util.List;
import java.util.Set;

/**
 * {@code {"kind":"attribution","conversion":"purchase","lookbackDays":30,"model":"linear","value":"conversions",
 * "by":"channel","halfLifeDays":7}}: how much of each conversion (and of its revenue) each channel or campaign
 * earned from the touchpoints before it, beside the imported spend and the ROAS. See
 * {@code io.waymark.core.kernel.AttributionKernel} for the touchpoint rules and the models.
 */
public record AttributionSpec(Scope scope, String conversion, int lookbackDays, Model model, Value value, By by,
        int halfLifeDays) implements QuerySpec, AnalysisSpec {
    /** The campaign of a touchpoint: the UTM campaign name, which is also how ad platforms name spend. */
    public static final FieldPath CAMPAIGN_NAME = new FieldPath(FieldPath.Root.CONTEXT, List.of("campaign", "name"));

    public enum Model { FIRST_TOUCH, LAST_TOUCH, LINEAR, TIME_DECAY, POSITION_BASED, MARKOV, SHAPLEY }

    /** Which attributed figure orders the rows (both are always reported). */
    public enum Value { CONVERSIONS, REVENUE }

    public enum By { CHANNEL, CAMPAIGN }

    @Override
    public String kind() {
        return "attribution";
    }

    @Override
    public Set<FieldPath> fields() {
        return Set.of(FieldPath.CAMPAIGN_SOURCE, CAMPAIGN_NAME);
    }

    @Override
    public boolean usesSpend() {
        return true;
    }

    static AttributionSpec parse(SpecReader r) {
        r.allowOnly(true, "conversion", "lookbackDays", "model", "value", "by", "halfLifeDays");
        Model model = r.choice("model", Model.class, Model.LINEAR);
        if (r.has("halfLifeDays") && model != Model.TIME_DECAY) {
            throw io.waymark.core.error.WaymarkException.invalid(r.name("halfLifeDays"),
                    "'halfLifeDays' applies only to model time_decay");
        }
        return new AttributionSpec(r.scope(), r.optionalString("conversion", "purchase"), r.integer("lookbackDays", 1, 365, 30),
                model, r.choice("value", Value.class, Value.CONVERSIONS), r.choice("by", By.class, By.CHANNEL),
                r.integer("halfLifeDays", 1, 365, 7));
    }
}

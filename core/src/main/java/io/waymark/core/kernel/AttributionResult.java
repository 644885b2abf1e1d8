package io.waymark.core.kernel;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Credit per channel (or campaign) for {@code conversions} conversion events worth {@code revenue}: attributed
 * conversions and revenue (fractional), the spend over the analysed period and ROAS = attributed revenue / spend
 * (null without spend). Rows are sorted by the attributed {@code value} (descending), then channel and campaign.
 * {@code removalEffects} (Markov model only) maps each channel (or "channel/campaign") to its removal effect.
 */
public record AttributionResult(String model, String value, String by, int lookbackDays, long conversions, double revenue,
        List<Row> rows, @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Double> removalEffects) {

    public record Row(String channel, @JsonInclude(JsonInclude.Include.NON_NULL) String campaign, double conversions,
            double revenue, double spend, Double roas) {
    }
}

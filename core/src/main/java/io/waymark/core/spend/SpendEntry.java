package io.waymark.core.spend;

import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.Channel;
import java.time.LocalDate;

/**
 * What one campaign cost on one day, as ad platforms export it. One entry per (date, channel,
 * campaign): importing the same day again replaces it, so re-imports never double the spend.
 */
public record SpendEntry(LocalDate date, Channel channel, String campaign, double cost, String currency) {
    public SpendEntry {
        if (date == null) {
            throw WaymarkException.missing("date");
        }
        if (channel == null) {
            throw WaymarkException.missing("channel");
        }
        if (campaign == null || campaign.isBlank()) {
            throw WaymarkException.missing("campaign");
        }
        if (!Double.isFinite(cost) || cost < 0) {
            throw WaymarkException.invalid("cost", "'cost' must be a non-negative number");
        }
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw WaymarkException.invalid("currency", "'currency' must be an ISO 4217 code like EUR");
        }
    }
}

package io.waymark.core.demo;

import java.time.LocalDate;

/** One day of spend of one campaign, as an ad platform export would list it. */
public record SpendRow(LocalDate date, String channel, String campaign, double cost, String currency) {
}

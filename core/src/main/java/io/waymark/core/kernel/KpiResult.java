package io.waymark.core.kernel;

import java.util.List;

/**
 * The KPIs of a period beside the previous period. Values are null when they are undefined (a ratio whose
 * denominator is zero, or the previous period when not compared); rates are ratios from 0 to 1, NPS is a score
 * from -100 to 100, money is in the events' and spend's currency (not converted).
 */
public record KpiResult(String from, String to, String previousFrom, String previousTo, int churnDays, List<Kpi> kpis,
        List<ChannelRow> byChannel, List<CampaignRow> byCampaign) {

    /** {@code change} = (value - previous) / |previous|, null when either is null or previous is 0. */
    public record Kpi(String name, Double value, Double previous, Double change, String unit, String definition) {
    }

    /**
     * Spend and purchase revenue of one channel in the period. An order is credited to the channel of its visit: the first event
     * of the visit that contains the purchase (visits cut as in the attribution kind: a page, screen or track event other than
     * {@code email_sent} after more than 30 minutes without one, or with another {@code context.campaign.source}, starts one),
     * not the purchase event's own channel. {@code roas} = revenue / spend, {@code roi} = (revenue - spend) / spend (revenue, not
     * margin); {@code newCustomers} are those whose first purchase was in a visit on this channel, {@code cac} = spend / them.
     */
    public record ChannelRow(String channel, double spend, double revenue, long orders, Double roas, Double roi, long newCustomers,
            Double cac) {
    }

    /**
     * The same per campaign: {@code context.campaign.name} of the first event of the purchase's visit (of the first purchase's
     * visit for new customers), and the {@code campaign} of the spend.
     */
    public record CampaignRow(String campaign, double spend, double revenue, long orders, Double roas, Double roi, long newCustomers,
            Double cac) {
    }
}

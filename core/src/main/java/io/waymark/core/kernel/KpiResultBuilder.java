package io.waymark.core.kernel;

import io.waymark.core.event.Channel;
import io.waymark.core.query.KpiSpec;
import io.waymark.core.spend.SpendEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns the counts of {@link KpiKernel}, the sessions of both periods and the spend into the KPI list and spend rows. */
final class KpiResultBuilder {
    private final KpiSpec spec;
    private final KpiKernel.Acc acc;
    private final boolean compare;
    /** Spend per period in money units; per channel and campaign of the current period. */
    private final long[] spend = new long[2];
    private final long[] channelSpend = new long[Channel.values().length];
    private final Map<String, long[]> campaigns = new TreeMap<>();
    private final List<KpiResult.Kpi> kpis = new ArrayList<>();

    KpiResultBuilder(KpiSpec spec, KpiKernel.Acc acc, List<SpendEntry> entries) {
        this.spec = spec;
        this.acc = acc;
        this.compare = spec.previousFrom() != null;
        addSpend(entries);
        StringColumn names = acc.campaignNames;
        for (int code = 0; code < names.distinct(); code++) {
            if (acc.campaignOrders[code] > 0) {
                long[] c = campaign(names.valueOf(code));
                c[1] += acc.campaignRevenue[code];
                c[2] += acc.campaignOrders[code];
                c[3] += acc.campaignNew[code];
            }
        }
    }

    /** [spend, revenue, orders, new customers] of a campaign; names may repeat in the dictionary only if the engine's does, so they add. */
    private long[] campaign(String name) {
        return campaigns.computeIfAbsent(name, k -> new long[4]);
    }

    /**
     * A spend day belongs to a period when its start (midnight in the spec's time zone) lies in it; the scope's
     * channels restrict the spend as they restrict the events.
     */
    private void addSpend(List<SpendEntry> entries) {
        for (SpendEntry e : entries) {
            if (!spec.scope().channels().isEmpty() && !spec.scope().channels().contains(e.channel())) {
                continue;
            }
            Instant day = e.date().atStartOfDay(spec.scope().timezone()).toInstant();
            long cost = KpiKernel.money(e.cost());
            if (!day.isBefore(spec.from()) && day.isBefore(spec.to())) {
                spend[0] += cost;
                channelSpend[e.channel().ordinal()] += cost;
                campaign(e.campaign())[0] += cost;
            } else if (compare && !day.isBefore(spec.previousFrom()) && day.isBefore(spec.from())) {
                spend[1] += cost;
            }
        }
    }

    KpiResult build(SessionsResult current, SessionsResult previous) {
        traffic();
        orders();
        customers();
        marketing();
        feedback();
        kpi("avg_session_duration", "seconds", KpiDefinitions.SESSION_DURATION, current.avgDurationSeconds(),
                previous == null ? null : previous.avgDurationSeconds());
        kpi("pages_per_session", "pages", KpiDefinitions.PAGES_PER_SESSION, current.pagesPerSession(),
                previous == null ? null : previous.pagesPerSession());
        kpi("bounce_rate", "ratio", KpiDefinitions.BOUNCE_RATE, current.bounceRate(), previous == null ? null : previous.bounceRate());
        return new KpiResult(spec.from().toString(), spec.to().toString(), compare ? spec.previousFrom().toString() : null,
                compare ? spec.from().toString() : null, spec.churnDays(), kpis, channelRows(), campaignRows());
    }

    private void traffic() {
        kpi("visitors", "persons", KpiDefinitions.VISITORS, k -> (double) acc.visitors[k]);
        kpi("purchasers", "persons", KpiDefinitions.PURCHASERS, k -> (double) acc.purchasers[k]);
        kpi("conversion_rate", "ratio", KpiDefinitions.CONVERSION, k -> ratio(acc.purchasers[k], acc.visitors[k]));
    }

    private void orders() {
        kpi("orders", "orders", KpiDefinitions.ORDERS, k -> (double) acc.orders[k]);
        kpi("revenue", "currency", KpiDefinitions.REVENUE, k -> money(acc.revenue[k]));
        kpi("returns", "currency", KpiDefinitions.RETURNS, k -> money(acc.returns[k]));
        kpi("net_revenue", "currency", KpiDefinitions.NET_REVENUE, k -> money(acc.revenue[k] - acc.returns[k]));
        kpi("average_order_value", "currency", KpiDefinitions.AOV, k -> ratio(acc.revenue[k], acc.orders[k] * (long) KpiKernel.MONEY_UNIT));
        kpi("purchase_frequency", "orders", KpiDefinitions.FREQUENCY, k -> ratio(acc.orders[k], acc.purchasers[k]));
        kpi("repeat_purchase_rate", "ratio", KpiDefinitions.REPEAT, k -> ratio(acc.repeaters[k], acc.purchasers[k]));
    }

    private void customers() {
        kpi("new_customers", "persons", KpiDefinitions.NEW_CUSTOMERS, k -> (double) acc.newCustomers[k]);
        kpi("customer_retention_rate", "ratio", KpiDefinitions.RETENTION.formatted(spec.churnDays()),
                k -> ratio(acc.retained[k], acc.activeAtStart[k]));
        kpi("churn_rate", "ratio", KpiDefinitions.CHURN.formatted(spec.churnDays()), k -> ratio(acc.churned[k], acc.activeAtStart[k]));
    }

    private void marketing() {
        kpi("spend", "currency", KpiDefinitions.SPEND, k -> money(spend[k]));
        kpi("cac", "currency", KpiDefinitions.CAC, k -> ratio(spend[k], acc.newCustomers[k] * (long) KpiKernel.MONEY_UNIT));
        kpi("roas", "ratio", KpiDefinitions.ROAS, k -> ratio(acc.revenue[k], spend[k]));
    }

    private void feedback() {
        kpi("nps", "score", KpiDefinitions.NPS, k -> acc.npsAnswers[k] == 0 ? null
                : 100.0 * (acc.promoters[k] - acc.detractors[k]) / acc.npsAnswers[k]);
        kpi("csat", "ratio", KpiDefinitions.CSAT, k -> ratio(acc.satisfied[k], acc.csatAnswers[k]));
    }

    private void kpi(String name, String unit, String definition, java.util.function.IntFunction<Double> value) {
        kpi(name, unit, definition, value.apply(0), compare ? value.apply(1) : null);
    }

    private void kpi(String name, String unit, String definition, Double value, Double previous) {
        Double change = value == null || previous == null || previous == 0 ? null : (value - previous) / Math.abs(previous);
        kpis.add(new KpiResult.Kpi(name, value, previous, change, unit, definition));
    }

    private List<KpiResult.ChannelRow> channelRows() {
        List<KpiResult.ChannelRow> out = new ArrayList<>();
        for (Channel c : Channel.values()) {
            int i = c.ordinal();
            if (channelSpend[i] > 0 || acc.channelOrders[i] > 0) {
                long s = channelSpend[i];
                long r = acc.channelRevenue[i];
                out.add(new KpiResult.ChannelRow(c.wireName(), money(s), money(r), acc.channelOrders[i], ratio(r, s), ratio(r - s, s),
                        acc.channelNew[i], ratio(s, acc.channelNew[i] * (long) KpiKernel.MONEY_UNIT)));
            }
        }
        out.sort(java.util.Comparator.comparing(KpiResult.ChannelRow::channel));
        return out;
    }

    private List<KpiResult.CampaignRow> campaignRows() {
        List<KpiResult.CampaignRow> out = new ArrayList<>();
        campaigns.forEach((name, v) -> out.add(new KpiResult.CampaignRow(name, money(v[0]), money(v[1]), v[2], ratio(v[1], v[0]),
                ratio(v[1] - v[0], v[0]), v[3], ratio(v[0], v[3] * (long) KpiKernel.MONEY_UNIT))));
        return out;
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }

    private static double money(long units) {
        return units / KpiKernel.MONEY_UNIT;
    }
}

package io.waymark.core.kernel;

import io.waymark.core.event.Channel;
import io.waymark.core.query.KpiSpec;
import io.waymark.core.query.Scope;
import io.waymark.core.query.SessionsSpec;
import io.waymark.core.query.TimeRange;
import io.waymark.core.spend.SpendEntry;
import java.util.List;

/**
 * Folds each person's history up to {@code to} into the per-period counts the KPIs are ratios of. Period 0 is
 * [from, to), period 1 the previous period of the same length. Definitions (also the {@code definition} text users see,
 * see {@link KpiDefinitions}):
 * <ul>
 *   <li>visitor: a person with an in-scope {@code page}, {@code screen} or {@code track} event in the period other than
 *       {@code email_sent} (the rule of {@link AttributionKernel}: the shop sending an e-mail is no activity of the
 *       person); {@code identify}, {@code group} and {@code alias} calls do not count. Purchaser: one with a
 *       {@code purchase} event in it.
 *   <li>order: a {@code purchase} event; revenue: the sum of their {@code properties.revenue} (an order without revenue
 *       counts as an order of 0); returns: the sum of |{@code properties.revenue}| of {@code return} events. Per
 *       channel and campaign an order counts for the channel and {@code context.campaign.name} of its visit, the first
 *       event of the visit containing the purchase, cut as {@link AttributionKernel} cuts visits (see {@link Visits}):
 *       the purchase itself usually comes from the website while the visit began with the ad, e-mail or social click.
 *   <li>repeat purchaser: a purchaser of the period with at least 2 orders up to the period's end (bought before the
 *       period or twice in it), Shopify's "returning customer rate" (customers with more than one order / customers).
 *   <li>active customer at time t: a person with a purchase in the {@code churnDays} days before t, [t - churnDays, t).
 *       A customer who purchased ever but not in that window has churned; otherwise a customer stays a customer forever
 *       and the retention formula below would always give 100%.
 *   <li>new customer: a person whose first purchase (in scope) lies in the period; per channel and campaign, counted
 *       for those of the visit of that first purchase.
 *   <li>customer retention rate = customers active at the start who are still active at the end / S, with S the
 *       active customers at the period's start. The classic (E - N) / S (E active at the end, N new) counts
 *       reactivated customers in E, so it exceeds 100% with reactivations and goes negative when the period is longer
 *       than churnDays (new customers of the period's first part are no longer active at its end); this cohort form
 *       stays in [0, 1] and is exactly 1 - churn rate.
 *   <li>churn rate = customers active at the start and not active at the end / S.
 *   <li>NPS (Reichheld 2003, "The One Number You Need to Grow"): {@code survey_response} events with
 *       {@code properties.survey = "nps"} and an integer {@code properties.score} 0..10; % of 9-10 minus % of 0-6.
 *       CSAT: {@code survey = "csat"}, integer score 1..5, share of 4-5 (the usual top-two-box CSAT).
 * </ul>
 * Money is summed in integer units of 1/10000 so that sums are exact and do not depend on the partitioning.
 */
final class KpiKernel implements PersonKernel<KpiKernel.Acc, KpiKernel.Acc> {
    static final double MONEY_UNIT = 10_000;
    private static final int CHANNELS = Channel.values().length;

    private final EventColumns columns;
    private final long[] lo;
    private final long[] hi;
    private final long churnMicros;
    private final int purchase;
    private final Visits visits;
    private final int returned;
    private final int survey;
    private final StringColumn surveyName;
    private final StringColumn score;
    private final StringColumn campaign;
    private final boolean[] isNps;
    private final boolean[] isCsat;

    KpiKernel(KpiSpec spec, EventColumns columns) {
        this.columns = columns;
        boolean compare = spec.previousFrom() != null;
        this.lo = compare ? new long[] {micros(spec.from()), micros(spec.previousFrom())} : new long[] {micros(spec.from())};
        this.hi = compare ? new long[] {micros(spec.to()), micros(spec.from())} : new long[] {micros(spec.to())};
        this.churnMicros = spec.churnDays() * 86_400_000_000L;
        this.purchase = columns.eventCode(KpiSpec.PURCHASE);
        this.visits = new Visits(columns);
        this.returned = columns.eventCode(KpiSpec.RETURN);
        this.survey = columns.eventCode(KpiSpec.SURVEY_RESPONSE);
        this.surveyName = columns.field(KpiSpec.SURVEY);
        this.score = columns.field(KpiSpec.SCORE);
        this.campaign = columns.field(KpiSpec.CAMPAIGN_NAME);
        this.isNps = surveyName.matching("nps"::equals);
        this.isCsat = surveyName.matching("csat"::equals);
    }

    /** Runs the KPIs: one pass over the history up to {@code to}, the sessions kernel per period, and the spend. */
    static Analyses.Answer run(KpiSpec spec, EventColumns columns, List<SpendEntry> spend, PersonSet persons) {
        Scope s = spec.scope();
        Scope history = new Scope(new TimeRange(null, spec.to()), s.channels(), s.filters(), s.timezone());
        KernelRunner.Run<Acc> run = KernelRunner.run(columns, history, persons, new KpiKernel(spec, columns));
        SessionsResult current = sessions(columns, s, persons, spec.from(), spec.to());
        SessionsResult previous = spec.previousFrom() == null ? null : sessions(columns, s, persons, spec.previousFrom(), spec.from());
        KpiResult result = new KpiResultBuilder(spec, run.result(), spend).build(current, previous);
        return new Analyses.Answer(result, run.events());
    }

    private static SessionsResult sessions(EventColumns columns, Scope s, PersonSet persons, java.time.Instant from, java.time.Instant to) {
        Scope period = new Scope(new TimeRange(from, to), s.channels(), s.filters(), s.timezone());
        SessionsSpec spec = new SessionsSpec(period, SessionsSpec.DEFAULT_GAP_MINUTES, 1);
        return KernelRunner.run(columns, period, persons, new SessionsKernel(spec, columns)).result();
    }

    /** Counts per period (index 0 current, 1 previous); channel and campaign figures for the current period only. */
    static final class Acc {
        final long[] visitors = new long[2];
        final long[] purchasers = new long[2];
        final long[] orders = new long[2];
        final long[] revenue = new long[2];
        final long[] returns = new long[2];
        final long[] repeaters = new long[2];
        final long[] activeAtStart = new long[2];
        final long[] activeAtEnd = new long[2];
        final long[] retained = new long[2];
        final long[] newCustomers = new long[2];
        final long[] churned = new long[2];
        final long[] promoters = new long[2];
        final long[] detractors = new long[2];
        final long[] npsAnswers = new long[2];
        final long[] satisfied = new long[2];
        final long[] csatAnswers = new long[2];
        final long[] channelOrders = new long[CHANNELS];
        final long[] channelRevenue = new long[CHANNELS];
        /** New customers by the channel and campaign of their first purchase. */
        final long[] channelNew = new long[CHANNELS];
        final long[] campaignOrders;
        final long[] campaignRevenue;
        final long[] campaignNew;
        final StringColumn campaignNames;
        /** Scratch: per event of the current person, the index of the first event of its visit ({@link Visits}). */
        int[] visitStarts = new int[64];

        Acc(StringColumn campaignNames) {
            this.campaignNames = campaignNames;
            this.campaignOrders = new long[campaignNames.distinct()];
            this.campaignRevenue = new long[campaignNames.distinct()];
            this.campaignNew = new long[campaignNames.distinct()];
        }

        void add(Acc o) {
            long[][] mine = all();
            long[][] theirs = o.all();
            for (int i = 0; i < mine.length; i++) {
                for (int j = 0; j < mine[i].length; j++) {
                    mine[i][j] += theirs[i][j];
                }
            }
        }

        long[][] all() {
            return new long[][] {visitors, purchasers, orders, revenue, returns, repeaters, activeAtStart, activeAtEnd, retained, newCustomers,
                    churned, promoters, detractors, npsAnswers, satisfied, csatAnswers, channelOrders, channelRevenue, channelNew, campaignOrders,
                    campaignRevenue, campaignNew};
        }
    }

    @Override
    public Acc newAccumulator() {
        return new Acc(campaign);
    }

    @Override
    public void person(Acc acc, PersonEvents events) {
        int[] start = acc.visitStarts = visits.starts(events, acc.visitStarts);
        for (int k = 0; k < lo.length; k++) {
            period(acc, events, start, k);
        }
    }

    /**
     * Folds one person's events into period {@code k}: events before its end, the older ones for customer status.
     * {@code start[i]} is the index of the first event of the visit of event i (-1 outside a visit).
     */
    private void period(Acc acc, PersonEvents events, int[] start, int k) {
        long a = lo[k];
        long b = hi[k];
        boolean visited = false;
        boolean activeAtStart = false;
        boolean activeAtEnd = false;
        long ordersIn = 0;
        long ordersUpToEnd = 0;
        long first = Long.MAX_VALUE;
        int firstRow = -1;
        for (int i = 0; i < events.size(); i++) {
            long t = events.micros(i);
            if (t >= b) {
                break;
            }
            int e = events.event(i);
            boolean in = t >= a;
            visited |= in && !visited && visits.visit(events.row(i));
            if (e == purchase) {
                ordersUpToEnd++;
                if (t < first) {
                    first = t;
                    firstRow = visitRow(events, start, i);
                }
                activeAtStart |= t < a && t >= a - churnMicros;
                activeAtEnd |= t >= b - churnMicros;
                if (in) {
                    ordersIn++;
                    order(acc, k, visitRow(events, start, i), events.revenue(i));
                }
            } else if (in && e == returned) {
                double r = events.revenue(i);
                acc.returns[k] += Double.isNaN(r) ? 0 : money(Math.abs(r));
            } else if (in && e == survey) {
                answer(acc, k, events.row(i));
            }
        }
        acc.visitors[k] += visited ? 1 : 0;
        acc.purchasers[k] += ordersIn > 0 ? 1 : 0;
        acc.repeaters[k] += ordersIn > 0 && ordersUpToEnd >= 2 ? 1 : 0;
        acc.activeAtStart[k] += activeAtStart ? 1 : 0;
        acc.activeAtEnd[k] += activeAtEnd ? 1 : 0;
        acc.retained[k] += activeAtStart && activeAtEnd ? 1 : 0;
        acc.churned[k] += activeAtStart && !activeAtEnd ? 1 : 0;
        if (first >= a && first < b) {
            acc.newCustomers[k]++;
            if (k == 0) {
                acc.channelNew[columns.channelOrdinal(firstRow)]++;
                int code = campaign.code(firstRow);
                if (code != StringColumn.MISSING) {
                    acc.campaignNew[code]++;
                }
            }
        }
    }

    /** The row of the first event of the visit of event i: its channel and campaign get the order (the event's own outside a visit). */
    private static int visitRow(PersonEvents events, int[] start, int i) {
        return events.row(start[i] >= 0 ? start[i] : i);
    }

    /** Counts an order; {@code row} is the first event of its visit, whose channel and campaign it is credited to. */
    private void order(Acc acc, int k, int row, double revenue) {
        long m = Double.isNaN(revenue) ? 0 : money(revenue);
        acc.orders[k]++;
        acc.revenue[k] += m;
        if (k == 0) {
            int channel = columns.channelOrdinal(row);
            acc.channelOrders[channel]++;
            acc.channelRevenue[channel] += m;
            int code = campaign.code(row);
            if (code != StringColumn.MISSING) {
                acc.campaignOrders[code]++;
                acc.campaignRevenue[code] += m;
            }
        }
    }

    private void answer(Acc acc, int k, int row) {
        int code = surveyName.code(row);
        int idx = code == StringColumn.MISSING ? isNps.length - 1 : code;
        double v = score.number(row);
        if (Double.isNaN(v) || v != Math.rint(v)) {
            return;
        }
        if (isNps[idx] && v >= 0 && v <= 10) {
            acc.npsAnswers[k]++;
            acc.promoters[k] += v >= 9 ? 1 : 0;
            acc.detractors[k] += v <= 6 ? 1 : 0;
        } else if (isCsat[idx] && v >= 1 && v <= 5) {
            acc.csatAnswers[k]++;
            acc.satisfied[k] += v >= 4 ? 1 : 0;
        }
    }

    @Override
    public void merge(Acc into, Acc later) {
        into.add(later);
    }

    @Override
    public Acc finish(Acc acc) {
        return acc;
    }

    static long money(double v) {
        return Math.round(v * MONEY_UNIT);
    }

    private static long micros(java.time.Instant i) {
        return KernelRunner.micros(i);
    }
}

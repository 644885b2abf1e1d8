package io.waymark.core.kernel;

import io.waymark.core.event.Channel;
import io.waymark.core.query.AttributionSpec;
import io.waymark.core.query.AttributionSpec.Model;
import io.waymark.core.spend.SpendEntry;
import java.util.Arrays;
import java.util.List;

/**
 * Multi-touch attribution of conversion events to the channels (or campaigns) that touched the person before.
 *
 * <p><b>Touchpoints.</b> A touchpoint is the start of a visit, cut exactly as {@link SessionsKernel} cuts sessions
 * (Google Analytics' rules: a page, screen or track event after more than 30 minutes without one, or carrying a
 * {@code context.campaign.source} other than the visit's current one), with the channel of the event that starts it
 * and its campaign {@code context.campaign.name} (the UTM name ad platforms report spend under; {@value #NONE}
 * without one). E-mail, ad and social interactions are covered by the same rule: an {@code email_open} or
 * {@code email_click} carries the newsletter's campaign source and a click on an ad lands with the ad's, so each
 * starts a visit on its own channel. {@code email_sent} is not an interaction (the shop sent it; the person did
 * nothing; Segment's e-mail spec separates "Email Delivered" from "Email Opened"), so it neither starts nor extends a
 * visit. A visit started by the conversion event itself is no touchpoint. Repeated touchpoints on the same channel
 * are kept (each visit is a touch).
 *
 * <p><b>Conversions.</b> Every event whose key is {@code conversion} is one conversion worth 1 conversion and its
 * {@code properties.revenue} (0 when absent), credited to the touchpoints in {@code [t - lookbackDays, t)}: at most
 * lookbackDays before it (boundary inclusive) and strictly before it. Without such a touchpoint the conversion goes
 * wholly to channel {@value #NONE} (direct or unknown), in every model. As in the other kinds, only events in scope
 * exist: the scope's time range also bounds the touchpoints.
 *
 * <p><b>Models.</b> first_touch and last_touch give the whole conversion to the first or last touchpoint; linear
 * splits it equally; time_decay weighs a touchpoint {@code 2^(-(t - touch)/halfLife)} and normalises per conversion
 * (Google Ads' time-decay model, 7-day half-life); position_based gives 40% to the first and 40% to the last touchpoint
 * and 20% equally to those between (one touchpoint: 100%, two: 50/50). markov and shapley: see
 * {@link AttributionReport}. For the Markov model a person's touchpoints after their last conversion that lie in the
 * lookback window ending at the end of the period ({@code to}, or the last event of the data) form a journey that
 * ends in the null state.
 */
final class AttributionKernel implements PersonKernel<AttributionKernel.Acc, AttributionResult> {
    static final String NONE = "$none";
    private static final double DAY_MICROS = 86_400_000_000.0;

    private final AttributionSpec spec;
    private final EventColumns columns;
    private final Visits visits;
    private final StringColumn campaign;
    private final int conversionCode;
    private final long lookbackMicros;
    private final long periodEnd;
    private final AttributionReport report;

    AttributionKernel(AttributionSpec spec, EventColumns columns, List<SpendEntry> spend) {
        this.spec = spec;
        this.columns = columns;
        this.visits = new Visits(columns);
        this.campaign = columns.field(AttributionSpec.CAMPAIGN_NAME);
        this.conversionCode = columns.eventCode(spec.conversion());
        this.lookbackMicros = spec.lookbackDays() * 86_400_000_000L;
        this.periodEnd = spec.model() == Model.MARKOV ? periodEnd(spec, columns) : Long.MAX_VALUE;
        this.report = new AttributionReport(spec, spend, spec.by() == AttributionSpec.By.CAMPAIGN ? campaign : null);
    }

    private static long periodEnd(AttributionSpec spec, EventColumns columns) {
        if (spec.scope().range().to() != null) {
            return KernelRunner.micros(spec.scope().range().to());
        }
        long max = Long.MIN_VALUE;
        for (int r = 0; r < columns.rows(); r++) {
            max = Math.max(max, columns.micros(r));
        }
        return max == Long.MIN_VALUE ? Long.MAX_VALUE : max + 1;
    }

    static final class Acc {
        final double[] conversions;
        final double[] revenue;
        long total;
        double totalRevenue;
        long[] touchAt = new long[64];
        int[] touchKey = new int[64];
        int touches;
        int[] visitStarts = new int[64];
        final LongCounter transitions = new LongCounter();
        final ShapleyGame game = new ShapleyGame();

        Acc(int keys) {
            conversions = new double[keys];
            revenue = new double[keys];
        }

        void touch(long at, int key) {
            if (touches == touchAt.length) {
                touchAt = Arrays.copyOf(touchAt, touches * 2);
                touchKey = Arrays.copyOf(touchKey, touches * 2);
            }
            touchAt[touches] = at;
            touchKey[touches++] = key;
        }
    }

    @Override
    public Acc newAccumulator() {
        return new Acc(report.keys());
    }

    @Override
    public void person(Acc acc, PersonEvents events) {
        acc.touches = 0;
        int[] start = acc.visitStarts = visits.starts(events, acc.visitStarts);
        long lastConversion = Long.MIN_VALUE;
        for (int i = 0; i < events.size(); i++) {
            int row = events.row(i);
            long at = columns.micros(row);
            boolean conversion = columns.event(row) == conversionCode;
            if (start[i] == i && !conversion) {
                acc.touch(at, report.key(columns.channelOrdinal(row), row));
            }
            if (conversion) {
                double value = columns.revenue(row);
                convert(acc, at, Double.isNaN(value) ? 0 : value);
                lastConversion = at;
            }
        }
        if (spec.model() == Model.MARKOV) {
            nullJourney(acc, lastConversion);
        }
    }

    private void convert(Acc acc, long at, double value) {
        int b = acc.touches;
        while (b > 0 && acc.touchAt[b - 1] >= at) {
            b--;
        }
        int a = b;
        while (a > 0 && acc.touchAt[a - 1] >= at - lookbackMicros) {
            a--;
        }
        acc.total++;
        acc.totalRevenue += value;
        if (a == b) {
            credit(acc, report.noneKey(), 1, value);
            if (spec.model() == Model.MARKOV) {
                acc.transitions.add(report.transition(-1, report.noneKey()), 1);
                acc.transitions.add(report.transition(report.noneKey(), report.conversionState()), 1);
            } else if (spec.model() == Model.SHAPLEY) {
                acc.game.add(acc.touchKey, 0, 0, report.noneKey(), value);
            }
            return;
        }
        switch (spec.model()) {
            case FIRST_TOUCH -> credit(acc, acc.touchKey[a], 1, value);
            case LAST_TOUCH -> credit(acc, acc.touchKey[b - 1], 1, value);
            case LINEAR -> {
                for (int i = a; i < b; i++) {
                    credit(acc, acc.touchKey[i], 1.0 / (b - a), value);
                }
            }
            case TIME_DECAY -> timeDecay(acc, a, b, at, value);
            case POSITION_BASED -> positionBased(acc, a, b, value);
            case MARKOV -> path(acc, a, b, report.conversionState());
            default -> acc.game.add(acc.touchKey, a, b, -1, value);
        }
    }

    private static void credit(Acc acc, int key, double weight, double value) {
        acc.conversions[key] += weight;
        acc.revenue[key] += weight * value;
    }

    private void timeDecay(Acc acc, int a, int b, long at, double value) {
        double halfLife = spec.halfLifeDays() * DAY_MICROS;
        double sum = 0;
        for (int i = a; i < b; i++) {
            sum += Math.pow(2, -(at - acc.touchAt[i]) / halfLife);
        }
        for (int i = a; i < b; i++) {
            credit(acc, acc.touchKey[i], Math.pow(2, -(at - acc.touchAt[i]) / halfLife) / sum, value);
        }
    }

    private static void positionBased(Acc acc, int a, int b, double value) {
        int n = b - a;
        if (n == 1) {
            credit(acc, acc.touchKey[a], 1, value);
        } else if (n == 2) {
            credit(acc, acc.touchKey[a], 0.5, value);
            credit(acc, acc.touchKey[a + 1], 0.5, value);
        } else {
            credit(acc, acc.touchKey[a], 0.4, value);
            credit(acc, acc.touchKey[b - 1], 0.4, value);
            for (int i = a + 1; i < b - 1; i++) {
                credit(acc, acc.touchKey[i], 0.2 / (n - 2), value);
            }
        }
    }

    /** Records start -> touchpoints a..b-1 -> {@code end} in the transition counts. */
    private void path(Acc acc, int a, int b, int end) {
        int from = -1;
        for (int i = a; i < b; i++) {
            acc.transitions.add(report.transition(from, acc.touchKey[i]), 1);
            from = acc.touchKey[i];
        }
        acc.transitions.add(report.transition(from, end), 1);
    }

    private void nullJourney(Acc acc, long lastConversion) {
        int b = acc.touches;
        int a = b;
        while (a > 0 && acc.touchAt[a - 1] > lastConversion && acc.touchAt[a - 1] >= periodEnd - lookbackMicros) {
            a--;
        }
        if (a < b) {
            path(acc, a, b, report.nullState());
        }
    }

    @Override
    public void merge(Acc into, Acc later) {
        for (int k = 0; k < into.conversions.length; k++) {
            into.conversions[k] += later.conversions[k];
            into.revenue[k] += later.revenue[k];
        }
        into.total += later.total;
        into.totalRevenue += later.totalRevenue;
        into.transitions.addAll(later.transitions);
        into.game.addAll(later.game);
    }

    @Override
    public AttributionResult finish(Acc acc) {
        return report.result(acc);
    }
}

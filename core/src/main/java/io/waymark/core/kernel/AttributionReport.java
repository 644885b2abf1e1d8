package io.waymark.core.kernel;

import io.waymark.core.error.WaymarkException;
import io.waymark.core.event.Channel;
import io.waymark.core.model.attribution.MarkovAttribution;
import io.waymark.core.model.attribution.ShapleyAttribution;
import io.waymark.core.query.AttributionSpec;
import io.waymark.core.query.AttributionSpec.Model;
import io.waymark.core.query.SpecReader;
import io.waymark.core.spend.SpendEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Touchpoint keys (a channel, or a channel and campaign) and the last step of {@link AttributionKernel}: credit per
 * key from the model, joined with the spend.
 *
 * <p><b>markov</b>: each conversion's touchpoints form a path start -> touchpoints -> conversion, each non-converting
 * journey start -> touchpoints -> null; the credit of a channel is the total (conversions, revenue) times its removal
 * effect divided by the sum of all removal effects (Anderl et al. 2016, see {@link MarkovAttribution}).
 * <p><b>shapley</b>: the exact Shapley value of the game "value of the converting journeys whose channel set is a
 * subset of the coalition", once with conversions and once with revenue as value (see {@link ShapleyAttribution});
 * beyond {@value ShapleyAttribution#MAX_PLAYERS} distinct channels (or campaigns) the spec is refused.
 * <p><b>Spend</b> of a channel (or of a channel's campaign) sums the entries whose day starts (midnight in the scope's
 * time zone, as in the KPIs) within the scope's [{@code from}, {@code to}), all of them without a range; the scope's
 * channels restrict the spend as they restrict the touchpoints.
 */
final class AttributionReport {
    private static final Channel[] CHANNELS = Channel.values();

    private final AttributionSpec spec;
    private final List<SpendEntry> spend;
    private final StringColumn campaign;
    private final int perChannel;
    private final int keys;

    /** @param campaign the campaign column when rows are per campaign, else null */
    AttributionReport(AttributionSpec spec, List<SpendEntry> spend, StringColumn campaign) {
        this.spec = spec;
        this.spend = spend;
        this.campaign = campaign;
        this.perChannel = campaign == null ? 1 : campaign.distinct() + 1;
        this.keys = CHANNELS.length * perChannel + 1;
    }

    int keys() {
        return keys;
    }

    int key(int channel, int row) {
        return campaign == null ? channel : channel * perChannel + campaign.code(row) + 1;
    }

    int noneKey() {
        return keys - 1;
    }

    /** Pseudo keys of the absorbing Markov states. */
    int conversionState() {
        return keys;
    }

    int nullState() {
        return keys + 1;
    }

    /** A transition between Markov states; {@code from} = -1 is the start state. */
    long transition(int from, int to) {
        return (long) (from + 1) * (keys + 3) + (to + 1);
    }

    private String channelOf(int key) {
        return key == noneKey() ? AttributionKernel.NONE : CHANNELS[key / perChannel].wireName();
    }

    private String campaignOf(int key) {
        if (campaign == null) {
            return null;
        }
        int code = key == noneKey() ? StringColumn.MISSING : key % perChannel - 1;
        return code == StringColumn.MISSING ? AttributionKernel.NONE : campaign.valueOf(code);
    }

    private String label(int key) {
        return campaign == null ? channelOf(key) : channelOf(key) + "/" + campaignOf(key);
    }

    AttributionResult result(AttributionKernel.Acc acc) {
        double[] conversions = acc.conversions;
        double[] revenue = acc.revenue;
        Map<String, Double> effects = null;
        if (spec.model() == Model.MARKOV) {
            effects = new LinkedHashMap<>();
            markov(acc, conversions, revenue, effects);
        } else if (spec.model() == Model.SHAPLEY) {
            shapley(acc, conversions, revenue);
        }
        List<AttributionResult.Row> rows = rows(conversions, revenue);
        return new AttributionResult(SpecReader.wire(spec.model()), SpecReader.wire(spec.value()), SpecReader.wire(spec.by()),
                spec.lookbackDays(), acc.total, acc.totalRevenue, rows, effects);
    }

    private void markov(AttributionKernel.Acc acc, double[] conversions, double[] revenue, Map<String, Double> effects) {
        int[] dense = new int[keys + 2];
        List<Integer> used = new ArrayList<>();
        acc.transitions.forEach((t, c) -> {
            for (long k : new long[] {t / (keys + 3) - 1, t % (keys + 3) - 1}) {
                if (k >= 0 && k < keys && dense[(int) k] == 0) {
                    used.add((int) k);
                    dense[(int) k] = -1;
                }
            }
        });
        used.sort(Comparator.comparing(this::label));
        int n = used.size();
        for (int i = 0; i < n; i++) {
            dense[used.get(i)] = i + 1;
        }
        dense[keys] = n + 1;
        dense[keys + 1] = n + 2;
        long[][] counts = new long[n + 3][n + 3];
        acc.transitions.forEach((t, c) -> {
            int from = (int) (t / (keys + 3)) - 1;
            int to = (int) (t % (keys + 3)) - 1;
            counts[from < 0 ? 0 : dense[from]][dense[to]] += c;
        });
        double[] re = MarkovAttribution.removalEffects(counts).removalEffects();
        double sum = 0;
        for (double e : re) {
            sum += e;
        }
        for (int i = 0; i < n; i++) {
            int key = used.get(i);
            effects.put(label(key), re[i]);
            double share = sum == 0 ? 0 : re[i] / sum;
            conversions[key] = acc.total * share;
            revenue[key] = acc.totalRevenue * share;
        }
    }

    private void shapley(AttributionKernel.Acc acc, double[] conversions, double[] revenue) {
        ShapleyGame game = acc.game;
        if (game.overflow()) {
            throw WaymarkException.invalid("model", "model 'shapley' is exact up to " + ShapleyAttribution.MAX_PLAYERS
                    + " channels and the journeys touch more; use by channel or model markov");
        }
        int n = game.slots();
        double[] count = new double[1 << n];
        double[] value = new double[1 << n];
        for (int m = 0; m < count.length; m++) {
            count[m] = game.count(m);
            value[m] = game.value(m);
        }
        double[] byCount = ShapleyAttribution.values(n, count);
        double[] byValue = ShapleyAttribution.values(n, value);
        for (int s = 0; s < n; s++) {
            conversions[game.keyOfSlot(s)] = byCount[s];
            revenue[game.keyOfSlot(s)] = byValue[s];
        }
    }

    private List<AttributionResult.Row> rows(double[] conversions, double[] revenue) {
        Map<String, Double> costs = spendByLabel();
        Map<String, Integer> keyOf = new HashMap<>();
        List<AttributionResult.Row> rows = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            String label = label(k);
            double cost = costs.getOrDefault(label, 0.0);
            if (conversions[k] != 0 || revenue[k] != 0 || cost != 0) {
                keyOf.put(label, k);
                rows.add(row(channelOf(k), campaignOf(k), conversions[k], revenue[k], cost));
            }
        }
        // spend of a campaign no event names still shows, with nothing attributed
        costs.forEach((label, cost) -> {
            if (!keyOf.containsKey(label) && cost != 0) {
                int slash = label.indexOf('/');
                rows.add(row(slash < 0 ? label : label.substring(0, slash), slash < 0 ? null : label.substring(slash + 1), 0, 0, cost));
            }
        });
        Comparator<AttributionResult.Row> byValue = spec.value() == AttributionSpec.Value.REVENUE
                ? Comparator.comparingDouble(r -> -r.revenue()) : Comparator.comparingDouble(r -> -r.conversions());
        rows.sort(byValue.thenComparing(AttributionResult.Row::channel)
                .thenComparing(AttributionResult.Row::campaign, Comparator.nullsFirst(Comparator.naturalOrder())));
        return rows;
    }

    private static AttributionResult.Row row(String channel, String campaign, double conversions, double revenue, double cost) {
        return new AttributionResult.Row(channel, campaign, conversions, revenue, cost, cost == 0 ? null : revenue / cost);
    }

    private Map<String, Double> spendByLabel() {
        var scope = spec.scope();
        var range = scope.range();
        Map<String, Double> out = new HashMap<>();
        for (SpendEntry e : spend) {
            if (!scope.channels().isEmpty() && !scope.channels().contains(e.channel())) {
                continue;
            }
            java.time.Instant day = e.date().atStartOfDay(scope.timezone()).toInstant();
            boolean inRange = (range.from() == null || !day.isBefore(range.from())) && (range.to() == null || day.isBefore(range.to()));
            if (inRange) {
                String label = campaign == null ? e.channel().wireName() : e.channel().wireName() + "/" + e.campaign();
                out.merge(label, e.cost(), Double::sum);
            }
        }
        return out;
    }
}

package io.waymark.core.kernel;

import io.waymark.core.event.Channel;
import io.waymark.core.model.BgNbdModel;
import io.waymark.core.model.GammaGammaModel;
import io.waymark.core.query.ClvSpec;
import io.waymark.core.query.SpecReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Turns the customer summaries of {@link ClvKernel} into a {@link ClvResult}: historical revenue, and for
 * {@code bgnbd} the BG/NBD fit on distinct (x, t_x, T) triples (customers sharing one are weighted, so a fit over
 * hundreds of thousands of customers evaluates only a few thousand terms) and the Gamma-Gamma fit on
 * repeat buyers with a positive average repeat value. Time unit: days.
 */
final class ClvModels {
    /**
     * Below this many repeat buyers BG/NBD is not fitted and predictions are null. The four parameters are
     * identified by the spread of frequencies and recencies across customers: r and alpha by the purchase
     * rates of repeat buyers, a and b by how the share of repeat buyers and their recency gaps vary with x.
     * With a handful of repeat buyers the likelihood is flat along ridges and Nelder-Mead drifts to a, b or
     * alpha near 0 or infinity (or stops anywhere on the ridge), so predictions would be arbitrary; 30 is the
     * usual rule of thumb for a sample that pins four parameters down. Fits that still run off are refused by
     * {@link io.waymark.core.model.FitException} with a warning.
     */
    static final int MIN_REPEAT_BUYERS = 30;
    /** Distinct (x, mean value) pairs below which Gamma-Gamma is not fitted (its likelihood needs spread in mbar). */
    static final int MIN_SPEND_PAIRS = 2;

    private final ClvSpec spec;
    private final EventColumns columns;
    private final ClvKernel.Acc acc;
    private final int endDay;
    /** Per customer: the expected purchases over the horizon, P(alive), expected value; null without predictions. */
    private double[] expected;
    private double[] pAlive;
    private double[] value;

    ClvModels(ClvSpec spec, EventColumns columns, ClvKernel.Acc acc, int endDay) {
        this.spec = spec;
        this.columns = columns;
        this.acc = acc;
        this.endDay = endDay;
    }

    ClvResult result(String calibrationEnd) {
        ClvResult.Params params = null;
        Double logLikelihood = null;
        List<String> warnings = new ArrayList<>();
        if (spec.model() == ClvSpec.Model.BGNBD) {
            BgNbdModel.Fit fit = null;
            if (repeatBuyers() < MIN_REPEAT_BUYERS) {
                warnings.add("too few repeat buyers to fit BG/NBD (" + repeatBuyers() + ", at least " + MIN_REPEAT_BUYERS
                        + " needed); only historical figures are given");
            } else {
                try {
                    fit = fitBgNbd();
                } catch (RuntimeException e) {
                    // FitException, or anything a numerical library throws: no fit, never a failed query
                    warnings.add("the BG/NBD fit failed: " + e.getMessage() + "; only historical figures are given");
                }
            }
            if (fit != null) {
                GammaGammaModel gg = null;
                String ggFailure = null;
                try {
                    gg = fitGammaGamma();
                } catch (RuntimeException e) {
                    ggFailure = e.getMessage();
                }
                if (ggFailure != null) {
                    warnings.add("the Gamma-Gamma spend fit failed: " + ggFailure + "; expected values are missing");
                } else if (gg == null) {
                    warnings.add("the Gamma-Gamma spend model has no finite expected spend for this data (q <= 1); expected values are missing");
                } else if (gg.q() <= 2) {
                    // The spend per purchase has an inverse-gamma population with q degrees of freedom:
                    // for q <= 2 its variance is infinite (Fader & Hardie 2013), so a few very large
                    // orders dominate and expected values of customers with few purchases blow up.
                    warnings.add(String.format(java.util.Locale.ROOT, "the Gamma-Gamma spend model fitted q = %.2f <= 2: spend per purchase is "
                            + "heavy-tailed (a few very large orders), so expected values of customers with few purchases are unreliable; "
                            + "compare with the historical model", gg.q()));
                }
                params = new ClvResult.Params(fit.model().r(), fit.model().alpha(), fit.model().a(), fit.model().b(),
                        gg == null ? null : gg.p(), gg == null ? null : gg.q(), gg == null ? null : gg.gamma());
                logLikelihood = fit.logLikelihood();
                String failure = score(fit.model(), gg);
                if (failure != null) {
                    warnings.add("BG/NBD predictions failed: " + failure + "; only historical figures are given");
                    params = null;
                    logLikelihood = null;
                    expected = null;
                    pAlive = null;
                    value = null;
                }
            }
        }
        double revenue = 0;
        for (int i = 0; i < acc.size; i++) {
            revenue += acc.revenue[i];
        }
        ClvResult.Totals totals = new ClvResult.Totals(sum(expected), sum(value), revenue);
        return new ClvResult(SpecReader.wire(spec.model()), spec.horizonDays(), calibrationEnd, params, logLikelihood,
                acc.size, totals, byChannel(), topPersons(), warnings);
    }

    /** Per customer after {@link #result}: P(alive), null without a fit. */
    double[] pAlive() {
        return pAlive;
    }

    /** Per customer after {@link #result}: expected purchases over the horizon, null without a fit. */
    double[] expectedPurchases() {
        return expected;
    }

    /** The repeat purchases (purchase days after the first) of customer {@code i}: BG/NBD's x. */
    int repeatPurchases(int i) {
        return x(i);
    }

    /** The person index (into the columns) of customer {@code i}. */
    int person(int i) {
        return acc.person[i];
    }

    private int x(int i) {
        return acc.repeatDays[i];
    }

    private int tx(int i) {
        return acc.lastDay[i] - acc.firstDay[i];
    }

    private int bigT(int i) {
        return endDay - acc.firstDay[i];
    }

    private int repeatBuyers() {
        int repeat = 0;
        for (int i = 0; i < acc.size; i++) {
            repeat += x(i) > 0 ? 1 : 0;
        }
        return repeat;
    }

    /**
     * Fits BG/NBD on distinct (x, t_x, T) triples.
     *
     * @throws io.waymark.core.model.FitException when the fit fails (see {@link BgNbdModel#fit})
     */
    private BgNbdModel.Fit fitBgNbd() {
        Map<List<Integer>, double[]> triples = new HashMap<>();
        for (int i = 0; i < acc.size; i++) {
            triples.computeIfAbsent(List.of(x(i), tx(i), bigT(i)), k -> new double[1])[0]++;
        }
        int n = triples.size();
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] bigT = new double[n];
        double[] w = new double[n];
        int k = 0;
        for (Map.Entry<List<Integer>, double[]> e : triples.entrySet()) {
            x[k] = e.getKey().get(0);
            tx[k] = e.getKey().get(1);
            bigT[k] = e.getKey().get(2);
            w[k++] = e.getValue()[0];
        }
        return BgNbdModel.fit(x, tx, bigT, w);
    }

    /**
     * Fits Gamma-Gamma on repeat buyers' mean repeat-day value; null without enough of them or when q &lt;= 1.
     *
     * @throws io.waymark.core.model.FitException when the fit fails (see {@link GammaGammaModel#fit})
     */
    private GammaGammaModel fitGammaGamma() {
        Map<List<Double>, double[]> pairs = new HashMap<>();
        for (int i = 0; i < acc.size; i++) {
            if (x(i) > 0 && acc.repeatRevenue[i] > 0) {
                pairs.computeIfAbsent(List.of((double) x(i), acc.repeatRevenue[i] / x(i)), k -> new double[1])[0]++;
            }
        }
        if (pairs.size() < MIN_SPEND_PAIRS) {
            return null;
        }
        int n = pairs.size();
        double[] x = new double[n];
        double[] m = new double[n];
        double[] w = new double[n];
        int k = 0;
        for (Map.Entry<List<Double>, double[]> e : pairs.entrySet()) {
            x[k] = e.getKey().get(0);
            m[k] = e.getKey().get(1);
            w[k++] = e.getValue()[0];
        }
        GammaGammaModel.Fit fit = GammaGammaModel.fit(x, m, w);
        // E[Z] is finite only for q > 1 (Fader & Hardie 2013); otherwise there is no expected spend.
        return fit.model().q() > 1 ? fit.model() : null;
    }

    /**
     * Scores every customer; the 2F1 series runs once per distinct (x, t_x, T).
     *
     * @return null, or why a prediction failed (not finite, or the series did not converge)
     */
    private String score(BgNbdModel m, GammaGammaModel gg) {
        expected = new double[acc.size];
        pAlive = new double[acc.size];
        value = gg == null ? null : new double[acc.size];
        Map<List<Integer>, double[]> cache = new HashMap<>();
        for (int i = 0; i < acc.size; i++) {
            int x = x(i);
            int tx = tx(i);
            int bigT = bigT(i);
            double[] s;
            try {
                s = cache.computeIfAbsent(List.of(x, tx, bigT), k -> new double[] {
                        m.expectedPurchases(spec.horizonDays(), x, tx, bigT), m.pAlive(x, tx, bigT)});
            } catch (ArithmeticException e) {
                return e.getMessage();
            }
            if (!Double.isFinite(s[0]) || !Double.isFinite(s[1])) {
                return "not finite for x = " + x + ", t_x = " + tx + ", T = " + bigT;
            }
            expected[i] = s[0];
            pAlive[i] = s[1];
            if (gg != null) {
                double mbar = x > 0 ? acc.repeatRevenue[i] / x : 0;
                value[i] = s[0] * gg.expectedSpend(x, mbar);
                if (!Double.isFinite(value[i])) {
                    return "expected value not finite for x = " + x + ", t_x = " + tx + ", T = " + bigT;
                }
            }
        }
        return null;
    }

    private static Double sum(double[] v) {
        return v == null ? null : Arrays.stream(v).sum();
    }

    private List<ClvResult.ChannelValue> byChannel() {
        Channel[] channels = Channel.values();
        long[] persons = new long[channels.length];
        double[] revenue = new double[channels.length];
        double[] expectedValue = new double[channels.length];
        for (int i = 0; i < acc.size; i++) {
            persons[acc.channel[i]]++;
            revenue[acc.channel[i]] += acc.revenue[i];
            expectedValue[acc.channel[i]] += value == null ? 0 : value[i];
        }
        List<ClvResult.ChannelValue> out = new ArrayList<>();
        for (int c = 0; c < channels.length; c++) {
            if (persons[c] > 0) {
                out.add(new ClvResult.ChannelValue(channels[c].wireName(), persons[c], revenue[c], revenue[c] / persons[c],
                        value == null ? null : expectedValue[c]));
            }
        }
        out.sort(Comparator.comparingDouble((ClvResult.ChannelValue v) -> -v.historicalRevenue()).thenComparing(ClvResult.ChannelValue::channel));
        return out;
    }

    /** The {@code top} customers by expected value (by revenue without predictions), ties by person id. */
    private List<ClvResult.PersonValue> topPersons() {
        if (spec.top() == 0) {
            return List.of();
        }
        double[] key = value != null ? value : acc.revenue;
        Integer[] order = IntStream.range(0, acc.size).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -key[i]).thenComparing(i -> columns.personId(acc.person[i])));
        List<ClvResult.PersonValue> out = new ArrayList<>();
        for (int k = 0; k < Math.min(spec.top(), order.length); k++) {
            int i = order[k];
            Double p = pAlive == null ? null : pAlive[i];
            out.add(new ClvResult.PersonValue(columns.personId(acc.person[i]), acc.purchases[i], acc.revenue[i],
                    expected == null ? null : expected[i], p, p == null ? null : 1 - p, value == null ? null : value[i]));
        }
        return out;
    }
}

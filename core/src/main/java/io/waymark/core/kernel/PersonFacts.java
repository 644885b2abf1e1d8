package io.waymark.core.kernel;

import io.waymark.core.query.PersonFact;
import io.waymark.core.query.StageRules;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The computed facts of every person in one {@link EventColumns} as of an instant, for segment rules:
 * first/last seen, events, purchases, revenue, furthest journey stage, RFM scores and the churn model's scores.
 * The costly ones (stage, RFM, churn scores) are computed only when a rule uses them.
 */
final class PersonFacts {
    static final String PURCHASE = "purchase";
    private static final double DAY_MICROS = 86_400_000_000.0;

    private final EventColumns columns;
    private final long asOf;
    private final StageRules stageRules;
    /** Per person: the first row at or after the as-of instant (rows before it are what the person had done by then). */
    final int[] end;
    private final long[] firstSeen;
    private final long[] lastSeen;
    private final long[] lastPurchase;
    private final int[] orders;
    private final double[] revenue;
    private final byte[] recency;
    private final byte[] frequency;
    private final byte[] monetary;
    private final int[] stage;
    private final ChurnScores churn;
    /** Per person: the latest and the mean feedback sentiment before the as-of instant (NaN: none); null when unused. */
    private final double[] latestSentiment;
    private final double[] averageSentiment;

    PersonFacts(EventColumns columns, long asOf, StageRules stageRules, Supplier<ChurnScores> churn, Set<PersonFact> used) {
        this.columns = columns;
        this.asOf = asOf;
        this.stageRules = stageRules == null ? DefaultStageRules.get() : stageRules;
        int n = columns.persons();
        end = new int[n];
        firstSeen = new long[n];
        lastSeen = new long[n];
        lastPurchase = new long[n];
        orders = new int[n];
        revenue = new double[n];
        int purchase = columns.eventCode(PURCHASE);
        IntStream.range(0, n).parallel().forEach(p -> {
            int start = columns.personStart(p);
            int e = endBefore(columns, p, asOf);
            end[p] = e;
            firstSeen[p] = e > start ? columns.micros(start) : Long.MIN_VALUE;
            lastSeen[p] = e > start ? columns.micros(e - 1) : Long.MIN_VALUE;
            lastPurchase[p] = Long.MIN_VALUE;
            for (int r = start; r < e; r++) {
                if (purchase >= 0 && columns.event(r) == purchase) {
                    orders[p]++;
                    double v = columns.revenue(r);
                    revenue[p] += Double.isNaN(v) ? 0 : v;
                    lastPurchase[p] = columns.micros(r);
                }
            }
        });
        boolean rfm = used.stream().anyMatch(f -> f.name().startsWith("RFM_"));
        this.recency = rfm ? RfmScores.quintiles(customers(p -> asOf - lastPurchase[p]), true) : null;
        this.frequency = rfm ? RfmScores.quintiles(customers(p -> orders[p]), false) : null;
        this.monetary = rfm ? RfmScores.quintiles(customers(p -> revenue[p]), false) : null;
        this.stage = used.contains(PersonFact.STAGE) ? stages() : null;
        boolean sentiment = used.contains(PersonFact.SENTIMENT) || used.contains(PersonFact.AVERAGE_SENTIMENT);
        this.latestSentiment = sentiment ? new double[n] : null;
        this.averageSentiment = sentiment ? new double[n] : null;
        if (sentiment) {
            sentiments();
        }
        this.churn = used.contains(PersonFact.CHURN_RISK) || used.contains(PersonFact.P_ALIVE)
                || used.contains(PersonFact.EXPECTED_PURCHASES_365D) ? churn.get() : null;
    }

    /** A value per customer (NaN for persons without a purchase). */
    private double[] customers(java.util.function.IntToDoubleFunction value) {
        double[] out = new double[orders.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = orders[p] > 0 ? value.applyAsDouble(p) : Double.NaN;
        }
        return out;
    }

    /** The first row of person {@code p} at or after {@code micros} (rows are sorted by time). */
    static int endBefore(EventColumns columns, int p, long micros) {
        int lo = columns.personStart(p);
        int hi = columns.personEnd(p);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (columns.micros(mid) < micros) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    boolean seen(int p) {
        return end[p] > columns.personStart(p);
    }

    /** A numeric or date fact (dates in epoch microseconds); NaN when the person has no such value. */
    double number(PersonFact fact, int p) {
        if (!seen(p)) {
            return Double.NaN;
        }
        boolean customer = orders[p] > 0;
        return switch (fact) {
            case FIRST_SEEN -> firstSeen[p];
            case LAST_SEEN -> lastSeen[p];
            case DAYS_SINCE_FIRST_SEEN -> (asOf - firstSeen[p]) / DAY_MICROS;
            case DAYS_SINCE_LAST_SEEN -> (asOf - lastSeen[p]) / DAY_MICROS;
            case EVENTS -> end[p] - columns.personStart(p);
            case ORDERS -> orders[p];
            case REVENUE -> revenue[p];
            case DAYS_SINCE_LAST_PURCHASE -> customer ? (asOf - lastPurchase[p]) / DAY_MICROS : Double.NaN;
            case RFM_RECENCY -> score(recency, p);
            case RFM_FREQUENCY -> score(frequency, p);
            case RFM_MONETARY -> score(monetary, p);
            case CHURN_RISK, P_ALIVE, EXPECTED_PURCHASES_365D -> churn(fact, p);
            case SENTIMENT -> latestSentiment[p];
            case AVERAGE_SENTIMENT -> averageSentiment[p];
            default -> throw new IllegalArgumentException(fact + " is not a number");
        };
    }

    /** A text fact, or null when the person has none. */
    String text(PersonFact fact, int p) {
        if (!seen(p)) {
            return null;
        }
        return switch (fact) {
            case STAGE -> {
                int s = stage[p];
                yield s < 0 ? null : stageRules.stages().get(s).name();
            }
            case RFM_SCORE -> orders[p] == 0 ? null : "" + recency[p] + frequency[p] + monetary[p];
            case RFM_GROUP -> orders[p] == 0 ? null : RfmScores.group(recency[p], frequency[p]);
            default -> throw new IllegalArgumentException(fact + " is not text");
        };
    }

    /** The position of the person's furthest stage, -1 when they reached none. */
    int stage(int p) {
        return seen(p) ? stage[p] : -1;
    }

    StageRules stageRules() {
        return stageRules;
    }

    private static double score(byte[] scores, int p) {
        return scores[p] == 0 ? Double.NaN : scores[p];
    }

    /** The furthest stage each person reached by the as-of instant (stages only move forward, see StagesKernel). */
    private int[] stages() {
        StageMatcher matcher = new StageMatcher(stageRules, columns);
        int n = columns.persons();
        int[] out = new int[n];
        int partitions = (n + 4095) / 4096;
        IntStream.range(0, partitions).parallel().forEach(part -> {
            PersonEvents view = new PersonEvents(columns);
            int[] counters = new int[matcher.conditions()];
            for (int p = part * 4096, last = Math.min(n, p + 4096); p < last; p++) {
                view.reset(p);
                for (int r = columns.personStart(p); r < end[p]; r++) {
                    view.add(r);
                }
                Arrays.fill(counters, 0);
                long matched = 0;
                for (int i = 0; i < view.size(); i++) {
                    matched |= matcher.match(view, i, counters);
                }
                out[p] = 63 - Long.numberOfLeadingZeros(matched);
            }
        });
        return out;
    }

    /** Each person's feedback texts before the as-of instant, in time order (see {@link FeedbackTexts}). */
    private void sentiments() {
        FeedbackTexts texts = new FeedbackTexts(columns);
        IntStream.range(0, columns.persons()).parallel().forEach(p -> {
            double latest = Double.NaN;
            double sum = 0;
            int count = 0;
            for (int r = columns.personStart(p); r < end[p]; r++) {
                double s = texts.sentiment(r, columns.event(r));
                if (!Double.isNaN(s)) {
                    latest = s;
                    sum += s;
                    count++;
                }
            }
            latestSentiment[p] = latest;
            averageSentiment[p] = count == 0 ? Double.NaN : sum / count;
        });
    }

    private double churn(PersonFact fact, int p) {
        ChurnScores.Score s = churn.of(columns.personId(p));
        if (s == null) {
            return Double.NaN;
        }
        return switch (fact) {
            case CHURN_RISK -> s.churnRisk() == null ? Double.NaN : s.churnRisk();
            case P_ALIVE -> s.pAlive();
            default -> s.expectedPurchases365d();
        };
    }
}

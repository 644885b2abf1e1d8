package io.waymark.core.sentiment;

import static io.waymark.core.sentiment.VaderRules.NEGATION;

import java.util.List;

/**
 * VADER, the rule-based sentiment model of Hutto &amp; Gilbert, "VADER: A Parsimonious Rule-based
 * Model for Sentiment Analysis of Social Media Text" (ICWSM 2014), written after the reference
 * implementation (github.com/cjhutto/vaderSentiment, MIT) and held to its scores by
 * {@code VaderDifferentialTest}. Each token gets the lexicon valence of its lower-case form, then:
 * <ol>
 * <li>"no" before a sentiment word negates it instead of scoring itself; "no" up to two words
 *     before (or three, with "or"/"nor" in between) negates;</li>
 * <li>an ALL-CAPS sentiment word among lower-case words gains {@link VaderRules#CAPS};</li>
 * <li>each of the three words before it that is not itself a sentiment word may boost or dampen
 *     it (full, 95% and 90% of {@link VaderRules#BOOST} by distance; more when the booster is in
 *     caps) and negate it (× {@link VaderRules#NEGATION}), except "never so/this" (× 1.25) and
 *     "without (a) doubt" (no change);</li>
 * <li>special idioms ("the bomb", "yeah right") replace the valence, and multi-word dampeners
 *     ("kind of") apply;</li>
 * <li>"least" just before negates, unless it reads "at least" or "very least";</li>
 * <li>with "but" in the text, words before its first occurrence count half, words after 1.5 times;</li>
 * <li>the sum gains emphasis from exclamation marks and repeated question marks, in its own direction,
 *     and is normalised to -1..1 as x / sqrt(x² + 15).</li>
 * </ol>
 * Quirks of the reference are kept on purpose (they shape the published accuracy): a word directly
 * after "so" or "this" is intensified by 1.25 whenever the third word before it is checked, and the
 * "but" rule finds each valence by its value, so equal valences share one adjustment.
 */
public final class SentimentAnalyzer {
    private final VaderLexicon lexicon;

    public SentimentAnalyzer(VaderLexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** The analyzer on the bundled lexicons, loaded once. */
    public static SentimentAnalyzer vader() {
        return Bundled.INSTANCE;
    }

    private static final class Bundled {
        static final SentimentAnalyzer INSTANCE = new SentimentAnalyzer(VaderLexicon.bundled());
    }

    /** The sentiment of a text (best at the sentence level, as the authors advise); null or blank is neutral. */
    public Sentiment score(String raw) {
        if (raw == null) {
            return Sentiment.NONE;
        }
        VaderText t = new VaderText(raw, lexicon.emoji());
        int n = t.size();
        if (n == 0) {
            return Sentiment.NONE;
        }
        double[] valences = new double[n];
        for (int i = 0; i < n; i++) {
            String lower = t.lower.get(i);
            boolean modifier = VaderRules.BOOSTERS.containsKey(lower)
                    || (i < n - 1 && lower.equals("kind") && t.lower.get(i + 1).equals("of"));
            valences[i] = modifier ? 0 : valence(t, i);
        }
        butShift(t.lower, valences);
        return VaderScore.of(valences, t.text);
    }

    private double valence(VaderText t, int i) {
        List<String> lower = t.lower;
        Double base = lexicon.valences().get(lower.get(i));
        if (base == null) {
            return 0;
        }
        int n = lower.size();
        double v = base;
        if (lower.get(i).equals("no") && i != n - 1 && lexicon.contains(lower.get(i + 1))) {
            v = 0;
        }
        if ((i > 0 && lower.get(i - 1).equals("no")) || (i > 1 && lower.get(i - 2).equals("no"))
                || (i > 2 && lower.get(i - 3).equals("no") && (lower.get(i - 1).equals("or") || lower.get(i - 1).equals("nor")))) {
            v = base * NEGATION;
        }
        if (t.capsDifferential && VaderText.isUpper(t.tokens.get(i))) {
            v += v > 0 ? VaderRules.CAPS : -VaderRules.CAPS;
        }
        for (int back = 0; back < 3; back++) {
            int j = i - back - 1;
            if (j < 0 || lexicon.contains(lower.get(j))) {
                continue;
            }
            double s = scalar(t, j, v);
            if (back == 1) {
                s *= 0.95;
            } else if (back == 2) {
                s *= 0.9;
            }
            v += s;
            v = negation(v, lower, back, i);
            if (back == 2) {
                v = VaderIdioms.apply(v, lower, i);
            }
        }
        return least(v, lower, i);
    }

    /** The boost of the modifier at {@code j} in the direction of {@code valence}, plus caps emphasis. */
    private static double scalar(VaderText t, int j, double valence) {
        double s = VaderRules.boost(t.lower.get(j));
        if (s == 0) {
            return 0;
        }
        if (valence < 0) {
            s = -s;
        }
        if (t.capsDifferential && VaderText.isUpper(t.tokens.get(j))) {
            s += valence > 0 ? VaderRules.CAPS : -VaderRules.CAPS;
        }
        return s;
    }

    private static double negation(double v, List<String> lower, int back, int i) {
        switch (back) {
            case 0:
                return VaderRules.negates(lower.get(i - 1)) ? v * NEGATION : v;
            case 1:
                if (lower.get(i - 2).equals("never") && soOrThis(lower.get(i - 1))) {
                    return v * VaderRules.NEVER_SO;
                }
                if (lower.get(i - 2).equals("without") && lower.get(i - 1).equals("doubt")) {
                    return v;
                }
                return VaderRules.negates(lower.get(i - 2)) ? v * NEGATION : v;
            default:
                if ((lower.get(i - 3).equals("never") && soOrThis(lower.get(i - 2))) || soOrThis(lower.get(i - 1))) {
                    return v * VaderRules.NEVER_SO;
                }
                if (lower.get(i - 3).equals("without") && (lower.get(i - 2).equals("doubt") || lower.get(i - 1).equals("doubt"))) {
                    return v;
                }
                return VaderRules.negates(lower.get(i - 3)) ? v * NEGATION : v;
        }
    }

    private static boolean soOrThis(String w) {
        return w.equals("so") || w.equals("this");
    }

    /** "least good" negates; "at least good" and "very least good" do not. */
    private double least(double v, List<String> lower, int i) {
        if (i > 0 && !lexicon.contains(lower.get(i - 1)) && lower.get(i - 1).equals("least")) {
            boolean atLeast = i > 1 && (lower.get(i - 2).equals("at") || lower.get(i - 2).equals("very"));
            return atLeast ? v : v * NEGATION;
        }
        return v;
    }

    /**
     * "but" shifts weight to what follows it. As in the reference, each position's valence is looked
     * up by value and the first equal valence is the one adjusted.
     */
    private static void butShift(List<String> lower, double[] valences) {
        int but = lower.indexOf("but");
        if (but < 0) {
            return;
        }
        for (int k = 0; k < valences.length; k++) {
            double v = valences[k];
            int at = 0;
            while (valences[at] != v) {
                at++;
            }
            if (at < but) {
                valences[at] = v * VaderRules.BEFORE_BUT;
            } else if (at > but) {
                valences[at] = v * VaderRules.AFTER_BUT;
            }
        }
    }
}

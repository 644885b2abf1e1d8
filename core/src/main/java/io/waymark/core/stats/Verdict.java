package io.waymark.core.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The plain-language conclusion for one variant: "B increases purchase conversion by 4.1% [1.2%, 7.0%]
 * (p = 0.004); ship B". Decided on the primary metric's decisive estimate and its (corrected) p-value, vetoed by a
 * failed guardrail or a sample ratio mismatch.
 *
 * @param guardrailsHeld whether no guardrail showed significant harm
 */
public record Verdict(String variant, Decision decision, String sentence, boolean guardrailsHeld,
                      List<Guardrail> guardrails) {

    public enum Decision {
        SHIP, KEEP_CONTROL, KEEP_RUNNING, FIX_ASSIGNMENT
    }

    /**
     * A metric's effect as read for a decision.
     *
     * @param effect       the decisive estimate, or null when there was not enough data to test
     * @param relative     whether the effect is a relative lift (else an absolute difference)
     * @param pValueLabel  how the p-value is named in the sentence ("p", "Holm-adjusted p")
     */
    public record Reading(String metric, boolean higherIsBetter, Estimate effect, boolean relative, double pValue,
                          String pValueLabel) {
    }

    /** A guardrail fails when its interval lies entirely on its bad side: significant harm, not just any dip. */
    public record Guardrail(String metric, boolean held, Estimate effect, boolean relative) {
        public static Guardrail evaluate(String metric, boolean higherIsBetter, Estimate effect, boolean relative) {
            boolean harm = effect != null && (higherIsBetter ? effect.below() : effect.above());
            return new Guardrail(metric, !harm, effect, relative);
        }
    }

    public static Verdict decide(String control, String variant, Reading primary, double alpha,
                                 List<Guardrail> guardrails, SampleRatioCheck.Result sampleRatio) {
        List<Guardrail> failed = guardrails.stream().filter(g -> !g.held()).collect(Collectors.toList());
        boolean held = failed.isEmpty();
        if (sampleRatio.mismatch()) {
            return new Verdict(variant, Decision.FIX_ASSIGNMENT, String.format(Locale.ROOT,
                    "sample ratio mismatch (p = %s < %s): traffic does not match the configured split, so assignment or "
                            + "exposure logging is broken; fix it before reading %s's results",
                    number(sampleRatio.pValue()), number(sampleRatio.threshold()), variant), held, guardrails);
        }
        Estimate e = primary.effect();
        if (e == null) {
            return new Verdict(variant, Decision.KEEP_RUNNING,
                    "not enough data on " + primary.metric() + " for " + variant + " yet; keep running", held, guardrails);
        }
        String veto = held ? "" : ", but " + failed.stream().map(Verdict::describe).collect(Collectors.joining(" and "));
        String p = pValue(primary.pValueLabel(), primary.pValue());
        if (primary.pValue() < alpha) {
            boolean up = e.estimate() > 0;
            boolean good = up == primary.higherIsBetter();
            String sentence = String.format(Locale.ROOT, "%s %s %s by %s (%s)%s; %s", variant, up ? "increases" : "decreases",
                    primary.metric(), magnitude(e, primary.relative()), p, veto,
                    good && held ? "ship " + variant : "keep " + control);
            return new Verdict(variant, good && held ? Decision.SHIP : Decision.KEEP_CONTROL, sentence, held, guardrails);
        }
        String sentence = String.format(Locale.ROOT, "no detectable difference in %s between %s and %s yet (%s, %s)%s; %s",
                primary.metric(), variant, control, signed(e, primary.relative()), p, veto,
                held ? "keep running" : "keep " + control);
        return new Verdict(variant, held ? Decision.KEEP_RUNNING : Decision.KEEP_CONTROL, sentence, held, guardrails);
    }

    private static String describe(Guardrail g) {
        return "guardrail " + g.metric() + " worsened (" + signed(g.effect(), g.relative()) + ")";
    }

    /** "4.1% [1.2%, 7.0%]": the size of a significant effect, its interval turned to the same side. */
    private static String magnitude(Estimate e, boolean relative) {
        double lo = Math.min(Math.abs(e.lower()), Math.abs(e.upper()));
        double hi = Math.max(Math.abs(e.lower()), Math.abs(e.upper()));
        return value(Math.abs(e.estimate()), relative, false) + " [" + value(lo, relative, false) + ", "
                + value(hi, relative, false) + "]";
    }

    /** "+0.8% [-1.9%, +3.5%]". */
    private static String signed(Estimate e, boolean relative) {
        return value(e.estimate(), relative, true) + " [" + value(e.lower(), relative, true) + ", "
                + value(e.upper(), relative, true) + "]";
    }

    private static String value(double v, boolean relative, boolean sign) {
        String s = relative ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : number(v);
        return sign && v >= 0 ? "+" + s : s;
    }

    private static String pValue(String label, double p) {
        return p < 0.001 ? label + " < 0.001" : String.format(Locale.ROOT, "%s = %.3f", label, p);
    }

    /** Three significant digits, never in exponent notation. */
    private static String number(double v) {
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}

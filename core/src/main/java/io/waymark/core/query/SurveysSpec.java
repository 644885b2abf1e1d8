package io.waymark.core.query;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code {"kind":"surveys","interval":"week","breakdown":"channel","negative":10}}: survey answers, the
 * in-scope {@code survey_response} events, summarised per survey. A survey is identified by
 * {@code properties.surveyId} (else its type) and typed by {@code properties.survey}: {@code nps} (scores
 * 0–10), {@code csat} (1–5), {@code ces} (1–7, the Customer Effort Score 2.0 scale), {@code text} (no
 * score) or anything else (any number, only averaged). A score that is not a whole number on its type's
 * scale (as in the {@code kpis} kind's NPS and CSAT) leaves the answer unscored; the answer still counts.
 * <ul>
 * <li>NPS (Reichheld, "The One Number You Need to Grow", HBR 2003): promoters answer 9–10, passives 7–8,
 *     detractors 0–6; NPS = 100 × (promoters − detractors) / scored answers, on −100..100.</li>
 * <li>CSAT: 100 × answers of 4 or 5 / scored answers (the "top-two-box" share).</li>
 * <li>CES: the mean score (Dixon, Freeman &amp; Toman, "Stop Trying to Delight Your Customers", HBR 2010).</li>
 * <li>Comments ({@code properties.comment}, not blank) are scored with VADER: positive at compound ≥ 0.05,
 *     negative at ≤ −0.05, neutral between (the authors' thresholds); {@code mostNegative} lists the
 *     {@code negative} lowest-scoring negative comments, ties by time then person id.</li>
 * <li>{@code trend}: the same figures per local {@code interval} (in {@code timezone}) over the periods
 *     answers fell in; {@code breakdown}: per value of a field ({@code channel}, a property), the
 *     {@code top} values by answers, the rest as {@code $other}, answers without the field as {@code $none}.</li>
 * </ul>
 * Surveys are listed by answers, most first, then by id.
 */
public record SurveysSpec(Scope scope, Period interval, FieldPath breakdown, int top, int negative)
        implements QuerySpec, AnalysisSpec {

    @Override
    public String kind() {
        return "surveys";
    }

    @Override
    public Set<FieldPath> fields() {
        Set<FieldPath> out = new HashSet<>(List.of(FeedbackFields.SURVEY, FeedbackFields.SURVEY_ID,
                FeedbackFields.SCORE, FeedbackFields.COMMENT));
        if (breakdown != null) {
            out.add(breakdown);
        }
        return out;
    }

    static SurveysSpec parse(SpecReader r) {
        r.allowOnly(true, "interval", "breakdown", "top", "negative");
        return new SurveysSpec(r.scope(), r.choice("interval", Period.class, Period.WEEK), r.field("breakdown"),
                r.integer("top", 1, 100, 10), r.integer("negative", 0, 100, 10));
    }
}

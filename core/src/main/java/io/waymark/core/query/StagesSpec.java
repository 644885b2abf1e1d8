package io.waymark.core.query;

import java.util.HashSet;
import java.util.Set;

/**
 * {@code {"kind":"stages","stages":[…rules…]}}: the journey map, per stage the persons who reached
 * it, who stand in it, conversion to the next stage, time in stage, touchpoints and emotion.
 * {@code rules} is null when the request gives none: the engine then uses its default rules (the
 * data directory's {@code stages.json}, else the rules bundled with Waymark).
 */
public record StagesSpec(Scope scope, StageRules rules) implements QuerySpec, AnalysisSpec {
    /** Survey answers and feedback comments feed each stage's emotion score. */
    public static final FieldPath SURVEY = FeedbackFields.SURVEY;
    public static final FieldPath SCORE = FeedbackFields.SCORE;

    @Override
    public String kind() {
        return "stages";
    }

    /** This spec with {@code defaults} in place of absent rules. */
    public StagesSpec withDefaultRules(StageRules defaults) {
        return rules != null || defaults == null ? this : new StagesSpec(scope, defaults);
    }

    @Override
    public Set<FieldPath> fields() {
        Set<FieldPath> out = new HashSet<>(Set.of(SURVEY, SCORE, FeedbackFields.COMMENT));
        if (rules != null) {
            out.addAll(rules.fields());
        }
        return out;
    }

    static StagesSpec parse(SpecReader r) {
        r.allowOnly(true, "stages");
        return new StagesSpec(r.scope(), StageRules.parse(r, "stages"));
    }
}

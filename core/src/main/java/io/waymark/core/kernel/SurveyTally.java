package io.waymark.core.kernel;

import io.waymark.core.survey.SurveyType;
import io.waymark.core.sentiment.Sentiment;

/**
 * Running counts of survey answers of one survey (in one period or breakdown value): answers, scored
 * answers and the counts each metric needs, and the comments by sentiment. Integer counts merge
 * exactly; sums of scores and compounds are doubles.
 */
final class SurveyTally {
    long responses;
    long scored;
    double scoreSum;
    long promoters;
    long passives;
    long detractors;
    long satisfied;
    long comments;
    long positive;
    long neutral;
    long negative;
    double sentimentSum;

    /** Adds one answer: {@code score} NaN when unscored, {@code sentiment} NaN without a comment. */
    void add(SurveyType type, double score, double sentiment) {
        responses++;
        if (!Double.isNaN(score)) {
            scored++;
            scoreSum += score;
            if (type == SurveyType.NPS) {
                if (score >= 9) {
                    promoters++;
                } else if (score >= 7) {
                    passives++;
                } else {
                    detractors++;
                }
            } else if (type == SurveyType.CSAT && score >= 4) {
                satisfied++;
            }
        }
        if (!Double.isNaN(sentiment)) {
            comments++;
            sentimentSum += sentiment;
            switch (Sentiment.label(sentiment)) {
                case POSITIVE -> positive++;
                case NEGATIVE -> negative++;
                default -> neutral++;
            }
        }
    }

    void merge(SurveyTally o) {
        responses += o.responses;
        scored += o.scored;
        scoreSum += o.scoreSum;
        promoters += o.promoters;
        passives += o.passives;
        detractors += o.detractors;
        satisfied += o.satisfied;
        comments += o.comments;
        positive += o.positive;
        neutral += o.neutral;
        negative += o.negative;
        sentimentSum += o.sentimentSum;
    }

    Double meanScore() {
        return scored == 0 ? null : scoreSum / scored;
    }

    Double nps() {
        return scored == 0 ? null : 100.0 * (promoters - detractors) / scored;
    }

    Double csat() {
        return scored == 0 ? null : 100.0 * satisfied / scored;
    }

    /** The type's headline figure: NPS, CSAT %, or the mean score (CES and other scored types); null for text. */
    Double headline(SurveyType type) {
        return switch (type) {
            case NPS -> nps();
            case CSAT -> csat();
            case TEXT -> null;
            default -> meanScore();
        };
    }

    Double meanSentiment() {
        return comments == 0 ? null : sentimentSum / comments;
    }
}

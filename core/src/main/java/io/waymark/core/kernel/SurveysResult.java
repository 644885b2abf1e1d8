package io.waymark.core.kernel;

import java.util.List;

/** Survey answers per survey; see {@code SurveysSpec} for the definitions. */
public record SurveysResult(String interval, List<Survey> surveys) {
    /**
     * @param type the survey's {@code properties.survey} in lower case (null when absent)
     * @param respondents distinct persons who answered
     * @param scored answers with a score on the type's scale
     * @param nps for NPS surveys (else null); {@code csat} for CSAT surveys; {@code ces} (the mean) for CES surveys
     */
    public record Survey(String id, String type, long responses, long respondents, long scored, Double meanScore,
            Nps nps, Csat csat, Double ces, Comments comments, List<Comment> mostNegative, List<Point> trend,
            List<Point> breakdown) {
    }

    public record Nps(long promoters, long passives, long detractors, Double score) {
    }

    public record Csat(long satisfied, Double score) {
    }

    /** Comments by VADER label and their mean compound (null without comments). */
    public record Comments(long comments, long positive, long neutral, long negative, Double meanSentiment) {
    }

    public record Comment(String personId, String timestamp, String comment, double sentiment, Double score) {
    }

    /**
     * One period (its first local date) or breakdown value: answers, the type's headline figure (NPS, CSAT %,
     * mean score; null for text surveys or without scored answers), comments and their mean sentiment.
     */
    public record Point(String key, long responses, Double score, long comments, Double sentiment) {
    }
}

package io.waymark.core.query;

import java.util.List;

/**
 * Where feedback text lives in events: {@code properties.comment} of a {@code survey_response} (the
 * free-text answer), a {@code review} and a {@code support_ticket} (Zendesk's ticket API also calls
 * the ticket's first message its "comment"). The demo generator and the collector's survey answers
 * use these names; the stages emotion, the sentiment facts and the surveys kind read them.
 */
public final class FeedbackFields {
    public static final String SURVEY_EVENT = "survey_response";
    public static final String REVIEW_EVENT = "review";
    public static final String TICKET_EVENT = "support_ticket";
    public static final List<String> TEXT_EVENTS = List.of(SURVEY_EVENT, REVIEW_EVENT, TICKET_EVENT);

    public static final FieldPath COMMENT = new FieldPath(FieldPath.Root.PROPERTIES, List.of("comment"));
    /** The survey's type ({@code nps}, {@code csat}, {@code ces}, {@code text}) and its id. */
    public static final FieldPath SURVEY = new FieldPath(FieldPath.Root.PROPERTIES, List.of("survey"));
    public static final FieldPath SURVEY_ID = new FieldPath(FieldPath.Root.PROPERTIES, List.of("surveyId"));
    public static final FieldPath SCORE = new FieldPath(FieldPath.Root.PROPERTIES, List.of("score"));

    private FeedbackFields() {
    }
}

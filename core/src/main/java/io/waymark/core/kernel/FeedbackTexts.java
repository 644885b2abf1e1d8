package io.waymark.core.kernel;

import io.waymark.core.query.FeedbackFields;

/**
 * The sentiment of the feedback text an event carries (see {@link FeedbackFields}): the VADER compound
 * of its comment, scored once per distinct comment ({@link StringColumn#sentiment}), NaN for other
 * events and for events without a comment. Needs {@link FeedbackFields#COMMENT} loaded.
 */
final class FeedbackTexts {
    private final int[] eventCodes;
    private final StringColumn comment;

    FeedbackTexts(EventColumns columns) {
        this.eventCodes = FeedbackFields.TEXT_EVENTS.stream().mapToInt(columns::eventCode).filter(c -> c >= 0).toArray();
        this.comment = eventCodes.length == 0 ? null : columns.field(FeedbackFields.COMMENT);
    }

    /** The compound sentiment of the row's feedback text, or NaN. */
    double sentiment(int row, int event) {
        for (int code : eventCodes) {
            if (code == event) {
                return comment.sentiment(row);
            }
        }
        return Double.NaN;
    }
}

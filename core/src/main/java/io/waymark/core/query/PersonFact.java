package io.waymark.core.query;

import java.util.List;

/**
 * The computed facts a segment rule can test. Purchases are {@code purchase} events; revenue is their
 * {@code properties.revenue}. Model facts (churn risk, P(alive), expected purchases) come from one BG/NBD fit over
 * all persons (see {@code ChurnScores}); RFM scores are quintiles among customers (see {@code RfmScores}); the
 * sentiment facts score feedback comments with VADER (see {@code io.waymark.core.sentiment}).
 */
public enum PersonFact {
    FIRST_SEEN(Kind.DATE),
    LAST_SEEN(Kind.DATE),
    DAYS_SINCE_FIRST_SEEN(Kind.NUMBER),
    DAYS_SINCE_LAST_SEEN(Kind.NUMBER),
    EVENTS(Kind.NUMBER),
    ORDERS(Kind.NUMBER),
    REVENUE(Kind.NUMBER),
    DAYS_SINCE_LAST_PURCHASE(Kind.NUMBER),
    /** The furthest journey stage reached (stages are ordered: gt/lt compare positions). */
    STAGE(Kind.ORDERED_TEXT),
    CHURN_RISK(Kind.NUMBER),
    P_ALIVE(Kind.NUMBER),
    EXPECTED_PURCHASES_365D(Kind.NUMBER),
    RFM_RECENCY(Kind.NUMBER),
    RFM_FREQUENCY(Kind.NUMBER),
    RFM_MONETARY(Kind.NUMBER),
    /** The three scores as text, e.g. "545". */
    RFM_SCORE(Kind.TEXT),
    /** The named group of the recency and frequency scores, e.g. "champions" (see {@code RfmScores}). */
    RFM_GROUP(Kind.TEXT),
    /**
     * The VADER compound (-1..1) of the person's latest feedback text before the as-of instant: the comment of a
     * survey answer, review or support ticket (see {@link FeedbackFields}); none without one.
     */
    SENTIMENT(Kind.NUMBER),
    /** The mean VADER compound of all the person's feedback texts before the as-of instant. */
    AVERAGE_SENTIMENT(Kind.NUMBER);

    /** How values compare: numbers, instants (ISO dates or instants in rules), free text, or text with an order. */
    public enum Kind { NUMBER, DATE, TEXT, ORDERED_TEXT }

    private final Kind kind;

    PersonFact(Kind kind) {
        this.kind = kind;
    }

    public boolean isSentiment() {
        return this == SENTIMENT || this == AVERAGE_SENTIMENT;
    }

    public Kind kind() {
        return kind;
    }

    public static List<String> wireNames() {
        return java.util.Arrays.stream(values()).map(SpecReader::wire).toList();
    }
}

package io.waymark.core.sentiment;

/**
 * The sentiment of one text as VADER scores it (Hutto &amp; Gilbert, ICWSM 2014).
 *
 * @param compound the sum of the word valences after the rules, normalised to -1..1 as x / sqrt(x² + 15)
 * @param positive share of the text's weight that is positive (0..1)
 * @param neutral share that is neutral
 * @param negative share that is negative; the three shares add up to 1 (or are all 0 for a text without words)
 */
public record Sentiment(double compound, double positive, double neutral, double negative) {
    /**
     * The thresholds the VADER authors recommend for a three-way label: compound >= 0.05 positive,
     * <= -0.05 negative, neutral in between (the vaderSentiment README, "About the Scoring").
     */
    public static final double THRESHOLD = 0.05;

    public static final Sentiment NONE = new Sentiment(0, 0, 0, 0);

    public enum Label { NEGATIVE, NEUTRAL, POSITIVE }

    public Label label() {
        return label(compound);
    }

    public static Label label(double compound) {
        return compound >= THRESHOLD ? Label.POSITIVE : compound <= -THRESHOLD ? Label.NEGATIVE : Label.NEUTRAL;
    }
}

package io.waymark.core.survey;

import java.util.Locale;

/** A survey's type from {@code properties.survey}, with the scores it accepts: whole numbers on its scale (any number for other types). */
public enum SurveyType {
    NPS(0, 10), CSAT(1, 5), CES(1, 7), TEXT(Double.NaN, Double.NaN), OTHER(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    private static final double WHOLE = 1;

    private final double min;
    private final double max;

    SurveyType(double min, double max) {
        this.min = min;
        this.max = max;
    }

    /** The type named by {@code properties.survey} (any case); unknown names are {@link #OTHER}. */
    public static SurveyType of(String value) {
        if (value == null) {
            return OTHER;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "nps":
                return NPS;
            case "csat":
                return CSAT;
            case "ces":
                return CES;
            case "text":
                return TEXT;
            default:
                return OTHER;
        }
    }

    /** The score if it is on this type's scale, else NaN (text surveys take none). */
    public double accept(double score) {
        boolean onScale = score >= min && score <= max && (this == OTHER || score % WHOLE == 0);
        return onScale ? score : Double.NaN;
    }

    /** The lowest and highest score of the scale (NaN for text, infinite for other). */
    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}

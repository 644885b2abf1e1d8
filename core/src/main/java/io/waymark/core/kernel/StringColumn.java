package io.waymark.core.kernel;

import io.waymark.core.sentiment.SentimentAnalyzer;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * One event field for every row, dictionary-encoded: {@code codes[row]} indexes {@code values},
 * -1 when the event has no value. Conditions are evaluated once per distinct value, not per row.
 */
public final class StringColumn {
    public static final int MISSING = -1;

    private final int[] codes;
    private final String[] values;
    private volatile double[] numbers;
    private volatile double[] sentiments;

    public StringColumn(int[] codes, String[] values) {
        this.codes = codes;
        this.values = values;
    }

    public int code(int row) {
        return codes[row];
    }

    /** The value of a row, or null when the event has none. */
    public String value(int row) {
        int c = codes[row];
        return c == MISSING ? null : values[c];
    }

    public String valueOf(int code) {
        return code == MISSING ? null : values[code];
    }

    public int distinct() {
        return values.length;
    }

    public int rows() {
        return codes.length;
    }

    /** Evaluates {@code p} once per distinct value; index {@code distinct()} holds the answer for a missing value. */
    public boolean[] matching(Predicate<String> p) {
        boolean[] out = new boolean[values.length + 1];
        for (int i = 0; i < values.length; i++) {
            out[i] = p.test(values[i]);
        }
        out[values.length] = p.test(null);
        return out;
    }

    /** The numeric value of a row (NaN when missing or not a number), parsed once per distinct value. */
    public double number(int row) {
        int c = codes[row];
        return c == MISSING ? Double.NaN : numbers()[c];
    }

    private double[] numbers() {
        double[] n = numbers;
        if (n == null) {
            n = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                n[i] = io.waymark.core.query.Numbers.parse(values[i]);
            }
            numbers = n;
        }
        return n;
    }

    /**
     * The VADER compound sentiment of a row's text (NaN when missing or blank), scored once per distinct
     * value: the column lives as long as the cached event columns, so each distinct comment is scored
     * once per data version.
     */
    public double sentiment(int row) {
        int c = codes[row];
        if (c == MISSING) {
            return Double.NaN;
        }
        double[] s = sentiments;
        if (s == null) {
            s = new double[values.length];
            SentimentAnalyzer vader = SentimentAnalyzer.vader();
            for (int i = 0; i < values.length; i++) {
                s[i] = values[i].isBlank() ? Double.NaN : vader.score(values[i]).compound();
            }
            sentiments = s;
        }
        return s[c];
    }

    @Override
    public String toString() {
        return "StringColumn" + Arrays.toString(Arrays.copyOf(values, Math.min(values.length, 5)));
    }
}

package io.waymark.core.query;

/** Reads numbers from the text form engines hand out for JSON scalars. */
public final class Numbers {
    private Numbers() {
    }

    /** The value of a JSON number or numeric string, or NaN when {@code text} is null or not a finite number. */
    public static double parse(String text) {
        if (text == null || text.isEmpty()) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(text);
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}

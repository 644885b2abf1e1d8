package io.waymark.core.sentiment;

/** Sums the per-token valences into a {@link Sentiment}: punctuation emphasis, compound and the three shares. */
final class VaderScore {
    private VaderScore() {
    }

    static Sentiment of(double[] valences, String text) {
        double sum = 0;
        for (double v : valences) {
            sum += v;
        }
        double emphasis = punctuationEmphasis(text);
        if (sum > 0) {
            sum += emphasis;
        } else if (sum < 0) {
            sum -= emphasis;
        }
        double compound = Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + VaderRules.ALPHA)));
        // Shares: each sentiment word weighs 1 + |valence| (so a neutral word, weighing 1, compares),
        // and the emphasis goes to the dominant side.
        double pos = 0;
        double neg = 0;
        int neutral = 0;
        for (double v : valences) {
            if (v > 0) {
                pos += v + 1;
            } else if (v < 0) {
                neg += v - 1;
            } else {
                neutral++;
            }
        }
        if (pos > Math.abs(neg)) {
            pos += emphasis;
        } else if (pos < Math.abs(neg)) {
            neg -= emphasis;
        }
        double total = pos + Math.abs(neg) + neutral;
        return new Sentiment(compound, Math.abs(pos / total), Math.abs(neutral / total), Math.abs(neg / total));
    }

    /** Up to four "!" add {@link VaderRules#EXCLAMATION} each; two or three "?" add {@link VaderRules#QUESTION} each, more add 0.96. */
    static double punctuationEmphasis(String text) {
        int exclamations = 0;
        int questions = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '!') {
                exclamations++;
            } else if (c == '?') {
                questions++;
            }
        }
        double emphasis = Math.min(exclamations, VaderRules.MAX_EXCLAMATIONS) * VaderRules.EXCLAMATION;
        if (questions > 3) {
            emphasis += VaderRules.MAX_QUESTION;
        } else if (questions > 1) {
            emphasis += questions * VaderRules.QUESTION;
        }
        return emphasis;
    }
}

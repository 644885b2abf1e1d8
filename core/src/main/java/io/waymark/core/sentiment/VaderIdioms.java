package io.waymark.core.sentiment;

import java.util.List;

/**
 * VADER's phrase rules around a sentiment word at {@code i}, applied once its third preceding word
 * has been looked at: a special idiom among the words around it replaces its valence, and a
 * multi-word dampener ("kind of", "sort of", "just enough") among the three before it applies.
 */
final class VaderIdioms {
    private VaderIdioms() {
    }

    static double apply(double valence, List<String> lower, int i) {
        int n = lower.size();
        String oneZero = lower.get(i - 1) + " " + lower.get(i);
        String twoOneZero = lower.get(i - 2) + " " + oneZero;
        String twoOne = lower.get(i - 2) + " " + lower.get(i - 1);
        String threeTwoOne = lower.get(i - 3) + " " + twoOne;
        String threeTwo = lower.get(i - 3) + " " + lower.get(i - 2);
        double v = valence;
        for (String phrase : new String[] {oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo}) {
            Double special = VaderRules.SPECIAL_CASES.get(phrase);
            if (special != null) {
                v = special;
                break;
            }
        }
        if (n - 1 > i) {
            v = VaderRules.SPECIAL_CASES.getOrDefault(lower.get(i) + " " + lower.get(i + 1), v);
        }
        if (n - 1 > i + 1) {
            v = VaderRules.SPECIAL_CASES.getOrDefault(lower.get(i) + " " + lower.get(i + 1) + " " + lower.get(i + 2), v);
        }
        for (String phrase : new String[] {threeTwoOne, threeTwo, twoOne}) {
            v += VaderRules.boost(phrase);
        }
        return v;
    }
}

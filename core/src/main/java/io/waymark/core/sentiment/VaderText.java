package io.waymark.core.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A text prepared as VADER reads it: single-code-point emoji replaced by their descriptions, split
 * on whitespace, and leading/trailing ASCII punctuation stripped from each token unless that leaves
 * two characters or fewer (then the token is kept whole, since it is likely an emoticon such as
 * ":)" or ":D"). {@code capsDifferential} is true when some but not all tokens are ALL CAPS: only
 * then does capitalisation count as emphasis (shouting everything is a style, not an emphasis).
 */
final class VaderText {
    private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /** The text after emoji replacement and trimming (punctuation emphasis is counted on it). */
    final String text;
    final List<String> tokens;
    /** {@link #tokens} in lower case, for lexicon and rule look-ups. */
    final List<String> lower;
    final boolean capsDifferential;

    VaderText(String raw, Map<Integer, String> emoji) {
        this.text = strip(replaceEmoji(raw, emoji));
        this.tokens = new ArrayList<>();
        for (String token : split(text)) {
            tokens.add(stripPunctuation(token));
        }
        this.lower = tokens.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        int caps = 0;
        for (String t : tokens) {
            if (isUpper(t)) {
                caps++;
            }
        }
        int differential = tokens.size() - caps;
        this.capsDifferential = differential > 0 && differential < tokens.size();
    }

    int size() {
        return tokens.size();
    }

    /** An emoji becomes its words, separated by a space from a preceding non-space (as the reference does). */
    private static String replaceEmoji(String raw, Map<Integer, String> emoji) {
        StringBuilder out = new StringBuilder(raw.length());
        boolean prevSpace = true;
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            String description = emoji.get(cp);
            if (description != null) {
                if (!prevSpace) {
                    out.append(' ');
                }
                out.append(description);
                prevSpace = false;
            } else {
                out.appendCodePoint(cp);
                prevSpace = cp == ' ';
            }
        }
        return out.toString();
    }

    /** Python's {@code str.split()}: runs of whitespace separate, no empty tokens. */
    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isSpace(cp)) {
                if (start >= 0) {
                    out.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(text.substring(start));
        }
        return out;
    }

    private static String strip(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && isSpace(text.charAt(from))) {
            from++;
        }
        while (to > from && isSpace(text.charAt(to - 1))) {
            to--;
        }
        return text.substring(from, to);
    }

    /** Python's whitespace: Java's, plus the no-break spaces and NEL that Java leaves out. */
    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || cp == 0x85 || cp == 0xA0 || cp == 0x2007 || cp == 0x202F;
    }

    private static String stripPunctuation(String token) {
        int from = 0;
        int to = token.length();
        while (from < to && ASCII_PUNCTUATION.indexOf(token.charAt(from)) >= 0) {
            from++;
        }
        while (to > from && ASCII_PUNCTUATION.indexOf(token.charAt(to - 1)) >= 0) {
            to--;
        }
        String stripped = token.substring(from, to);
        return stripped.codePointCount(0, stripped.length()) <= 2 ? token : stripped;
    }

    /** Python's {@code str.isupper()}: at least one cased character and none in lower or title case. */
    static boolean isUpper(String s) {
        boolean cased = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLowerCase(cp) || Character.isTitleCase(cp)) {
                return false;
            }
            cased |= Character.isUpperCase(cp);
        }
        return cased;
    }
}

package io.waymark.core.sentiment;

import java.util.HashMap;
import java.util.Map;

/**
 * VADER's two lexicons: word (or emoticon) → mean valence on -4..4 rated by ten people each, and
 * emoji → its description in words, which then scores like any text. Files and format are those of
 * github.com/cjhutto/vaderSentiment (MIT; see the resource folder's README): tab-separated, the
 * first two columns used, later lines replacing earlier ones.
 */
public record VaderLexicon(Map<String, Double> valences, Map<Integer, String> emoji) {
    static final String WORDS = "vader_lexicon.txt";
    static final String EMOJI = "emoji_utf8_lexicon.txt";

    public VaderLexicon {
        valences = Map.copyOf(valences);
        emoji = Map.copyOf(emoji);
    }

    /** The lexicons bundled with Waymark. */
    public static VaderLexicon bundled() {
        return parse(LexiconResources.read(WORDS), LexiconResources.read(EMOJI));
    }

    public static VaderLexicon parse(String words, String emojiText) {
        Map<String, Double> valences = new HashMap<>();
        for (String[] cols : rows(words)) {
            valences.put(cols[0], Double.parseDouble(cols[1]));
        }
        // The reference looks emoji up one code point at a time, so sequences (flags, skin tones,
        // emoji with a variation selector) can never match; keeping only single code points is the same.
        Map<Integer, String> emoji = new HashMap<>();
        for (String[] cols : rows(emojiText)) {
            if (cols[0].codePointCount(0, cols[0].length()) == 1) {
                emoji.put(cols[0].codePointAt(0), cols[1]);
            }
        }
        return new VaderLexicon(valences, emoji);
    }

    private static Iterable<String[]> rows(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).map(l -> l.split("\t"))
                .filter(cols -> cols.length >= 2)::iterator;
    }

    boolean contains(String lowerWord) {
        return valences.containsKey(lowerWord);
    }
}

package io.waymark.core.sentiment;

import java.util.Map;
import java.util.Set;

/**
 * The constants of VADER's rules, with the values Hutto &amp; Gilbert (ICWSM 2014, section 3.2 and
 * table 2) derived from crowd ratings of sentences with and without each cue.
 */
final class VaderRules {
    /** A booster ("very") adds, a dampener ("slightly") subtracts this much valence, on the -4..4 scale. */
    static final double BOOST = 0.293;
    /** An ALL-CAPS sentiment word among lower-case ones adds this much. */
    static final double CAPS = 0.733;
    /** A negated word keeps 74% of its valence with the opposite sign ("not good" is less bad than "bad"). */
    static final double NEGATION = -0.74;
    /** Each exclamation mark (at most four) adds this much. */
    static final double EXCLAMATION = 0.292;
    static final int MAX_EXCLAMATIONS = 4;
    /** Each question mark adds this much when there are two or three; from four on, the cap below. */
    static final double QUESTION = 0.18;
    static final double MAX_QUESTION = 0.96;
    /** After "but" a word counts 1.5 times, before it half: the later clause dominates. */
    static final double BEFORE_BUT = 0.5;
    static final double AFTER_BUT = 1.5;
    /** "never so good" / "never this good" intensify rather than negate. */
    static final double NEVER_SO = 1.25;
    /** The compound normalisation x / sqrt(x² + alpha), alpha approximating the largest expected sum. */
    static final double ALPHA = 15;

    /** Negation words; besides these, any token containing "n't" negates. */
    static final Set<String> NEGATIONS = Set.of(
            "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
            "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
            "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
            "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
            "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
            "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
            "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
            "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");

    /**
     * Degree adverbs (en.wiktionary.org Category:English degree adverbs) and slang intensifiers:
     * +1 boosts, -1 dampens; multiplied by {@link #BOOST}. Two- and three-word entries ("kind of")
     * match the words before a sentiment word.
     */
    static final Map<String, Integer> BOOSTERS = Map.ofEntries(
            up("absolutely"), up("amazingly"), up("awfully"), up("completely"), up("considerable"), up("considerably"),
            up("decidedly"), up("deeply"), up("effing"), up("enormous"), up("enormously"), up("entirely"),
            up("especially"), up("exceptional"), up("exceptionally"), up("extreme"), up("extremely"),
            up("fabulously"), up("flipping"), up("flippin"), up("frackin"), up("fracking"), up("fricking"),
            up("frickin"), up("frigging"), up("friggin"), up("fully"), up("fuckin"), up("fucking"), up("fuggin"),
            up("fugging"), up("greatly"), up("hella"), up("highly"), up("hugely"), up("incredible"), up("incredibly"),
            up("intensely"), up("major"), up("majorly"), up("more"), up("most"), up("particularly"), up("purely"),
            up("quite"), up("really"), up("remarkably"), up("so"), up("substantially"), up("thoroughly"), up("total"),
            up("totally"), up("tremendous"), up("tremendously"), up("uber"), up("unbelievably"), up("unusually"),
            up("utter"), up("utterly"), up("very"),
            down("almost"), down("barely"), down("hardly"), down("just enough"), down("kind of"), down("kinda"),
            down("kindof"), down("kind-of"), down("less"), down("little"), down("marginal"), down("marginally"),
            down("occasional"), down("occasionally"), down("partly"), down("scarce"), down("scarcely"), down("slight"),
            down("slightly"), down("somewhat"), down("sort of"), down("sorta"), down("sortof"), down("sort-of"));

    /**
     * Idioms and phrases whose valence replaces that of the lexicon word inside them ("the shit" is
     * praise, "bus stop" is not sad). The reference's list of idioms without a lexicon word ("cut the
     * mustard") is marked there as future work and never applied; we leave it out too, so that our
     * scores stay those the paper's accuracy was measured with.
     */
    static final Map<String, Double> SPECIAL_CASES = Map.of(
            "the shit", 3.0, "the bomb", 3.0, "bad ass", 1.5, "badass", 1.5, "bus stop", 0.0,
            "yeah right", -2.0, "kiss of death", -1.5, "to die for", 3.0,
            "beating heart", 3.1, "broken heart", -2.9);

    private VaderRules() {
    }

    static boolean negates(String lowerWord) {
        return NEGATIONS.contains(lowerWord) || lowerWord.contains("n't");
    }

    /** The booster's signed increment, or 0 for other words. */
    static double boost(String lowerWord) {
        Integer direction = BOOSTERS.get(lowerWord);
        return direction == null ? 0 : direction * BOOST;
    }

    private static Map.Entry<String, Integer> up(String word) {
        return Map.entry(word, 1);
    }

    private static Map.Entry<String, Integer> down(String word) {
        return Map.entry(word, -1);
    }
}

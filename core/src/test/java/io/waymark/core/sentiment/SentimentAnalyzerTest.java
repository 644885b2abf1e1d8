package io.waymark.core.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules one at a time on a tiny lexicon, so each number can be checked by hand. */
class SentimentAnalyzerTest {
    private final SentimentAnalyzer vader = new SentimentAnalyzer(
            new VaderLexicon(Map.of("good", 2.0, "bad", -2.0), Map.of(0x1F600, "good face")));

    private double compound(String text) {
        return vader.score(text).compound();
    }

    private static double norm(double x) {
        return x / Math.sqrt(x * x + 15);
    }

    @Test
    void eachRuleMovesTheValenceAsThePaperSays() {
        assertEquals(norm(2), compound("good"), 1e-12);
        assertEquals(norm(2 * -0.74), compound("not good"), 1e-12);
        assertEquals(norm(2 + 0.293), compound("very good"), 1e-12);
        assertEquals(norm(2 - 0.293), compound("slightly good"), 1e-12);
        assertEquals(norm(2 + 0.733), compound("it is GOOD"), 1e-12);
        assertEquals(norm(2), compound("GOOD"), 1e-12, "all caps everywhere is no emphasis");
        assertEquals(norm(2 + 2 * 0.292), compound("good!!"), 1e-12);
        assertEquals(norm(2 + 4 * 0.292), compound("good!!!!!!"), 1e-12);
        assertEquals(norm(2), compound("good?"), 1e-12);
        assertEquals(norm(2 + 3 * 0.18), compound("good???"), 1e-12);
        assertEquals(norm(2 + 0.96), compound("good????"), 1e-12);
        assertEquals(norm(2 * 0.5 - 2 * 1.5), compound("good but bad"), 1e-12);
        assertEquals(norm(2 * -0.74), compound("the least good"), 1e-12);
        assertEquals(norm(2), compound("at least good"), 1e-12);
        assertEquals(norm(2), compound("\uD83D\uDE00"), 1e-12, "an emoji scores as its description");
        assertEquals(0, compound("nothing here"), 0);
        assertEquals(0, compound(""), 0);
        assertEquals(0, compound(null), 0);
    }

    @Test
    void sharesAddUpAndLabelsUseThePublishedThresholds() {
        Sentiment s = vader.score("good and bad and good");
        assertEquals(1, s.positive() + s.neutral() + s.negative(), 1e-12);
        assertEquals(Sentiment.Label.POSITIVE, Sentiment.label(0.05));
        assertEquals(Sentiment.Label.NEUTRAL, Sentiment.label(0.0499));
        assertEquals(Sentiment.Label.NEGATIVE, Sentiment.label(-0.05));
        assertEquals(Sentiment.Label.NEGATIVE, SentimentAnalyzer.vader().score("The support was terrible").label());
    }
}

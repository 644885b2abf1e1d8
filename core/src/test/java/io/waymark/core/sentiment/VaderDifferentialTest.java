package io.waymark.core.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our VADER against the reference implementation: {@code sentiment/vader-reference-scores.tsv} holds
 * the compound scores vaderSentiment.py gave 647 sentences (its header says how it was made), and
 * every one of ours must agree within 1e-3 (the reference rounds to 4 places).
 */
class VaderDifferentialTest {
    private static final double TOLERANCE = 1e-3;

    record Case(double compound, String text) {
    }

    @Test
    void compoundScoresMatchTheReferenceImplementation() throws IOException {
        List<Case> cases = cases();
        assertTrue(cases.size() >= 600, "the golden file lost sentences: " + cases.size());
        SentimentAnalyzer vader = SentimentAnalyzer.vader();
        List<String> mismatches = new ArrayList<>();
        for (Case c : cases) {
            double ours = vader.score(c.text()).compound();
            if (Math.abs(ours - c.compound()) > TOLERANCE) {
                mismatches.add(String.format("%.4f (reference %.4f): %s", ours, c.compound(), c.text()));
            }
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void theGoldenFileCoversEveryRule() throws IOException {
        String all = String.join("\n", cases().stream().map(Case::text).toList());
        for (String cue : new String[] {"not ", "never so", "Without a doubt", "least", "very ", "kind of", "VERY",
                " but ", "!!!", "???", ":)", "😁", "the bomb", "yeah right", "no problem"}) {
            assertTrue(all.contains(cue), "no golden sentence exercises '" + cue + "'");
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (String line : resource("vader-reference-scores.tsv").split("\n")) {
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            out.add(new Case(Double.parseDouble(line.substring(0, tab)), unescape(line.substring(tab + 1))));
        }
        return out;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = VaderDifferentialTest.class.getResourceAsStream("/sentiment/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                out.append(e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

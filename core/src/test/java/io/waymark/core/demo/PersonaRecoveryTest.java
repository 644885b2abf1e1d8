package io.waymark.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.core.kernel.EventColumns;
import io.waymark.core.kernel.PersonaAssignment;
import io.waymark.core.kernel.Personas;
import io.waymark.core.query.PersonasSpec;
import io.waymark.core.query.QuerySpecParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The personas the demo generator plants must come back out of behaviour alone. The generator writes each person's
 * persona only as the identify trait {@code plantedPersona}, which no persona feature reads; clusters are scored
 * against it with the adjusted Rand index (ARI: 1 = the planted partition, 0 = chance).
 *
 * <p>Why the thresholds are far from 1: the planted personas differ in their distributions, and most persons show
 * too little of theirs to be told apart. In the 90-day sample a quarter of the persons make a single visit, and
 * people who never sign up use one device, so "85% of a bargain hunter's views are mobile" shows up per person as
 * all-mobile or all-desktop. Even labelling each person by the nearest of the planted personas' own centroids (which
 * knows the answer) reaches an ARI of only about 0.4 on these features; the clusters reach about 0.2 over everyone
 * and about 0.35 over persons with at least 40 events, where behaviour is visible. The thresholds sit below those
 * measurements with room for other seeds, and far above the ARI of a random labelling with the same sizes (about 0,
 * asserted below), so a clustering that lost the planted structure fails.
 */
class PersonaRecoveryTest {
    /** ARI over every person in scope: the measured value is about 0.21 (auto and k = 5). */
    static final double MIN_ARI = 0.15;
    /** ARI over persons with at least {@link #ENGAGED_EVENTS} events, k = 5: measured about 0.35. */
    static final double MIN_ENGAGED_ARI = 0.25;
    static final int ENGAGED_EVENTS = 40;

    private static EventColumns columns;

    @BeforeAll
    static void load() {
        columns = DemoEvents.standard();
    }

    /** The shop is in Europe: its personas' day parts are read in its time zone. */
    private static Personas.Outcome run(String k) {
        var spec = (PersonasSpec) new QuerySpecParser().parse("{\"kind\":\"personas\",\"timezone\":\"Europe/Berlin\",\"k\":" + k + "}");
        return Personas.run(spec, columns);
    }

    private static int[] planted(PersonaAssignment a) {
        int[] out = new int[a.persons()];
        for (int i = 0; i < out.length; i++) {
            out[i] = DemoEvents.planted(a.personId(i));
        }
        return out;
    }

    private static int[] found(PersonaAssignment a) {
        int[] out = new int[a.persons()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.persona(i);
        }
        return out;
    }

    @Test
    void autoRecoversThePlantedPersonasBetterThanChance() {
        Personas.Outcome o = run("\"auto\"");
        assertThat(o.result().persons()).isEqualTo(DemoSample.STANDARD.persons.size());
        assertThat(AdjustedRandIndex.of(planted(o.assignment()), found(o.assignment()))).isGreaterThan(MIN_ARI);
    }

    @Test
    void fivePersonasRecoverThePlantedFiveAndBetterWhereBehaviourIsVisible() {
        PersonaAssignment a = run("5").assignment();
        int[] truth = planted(a);
        int[] found = found(a);
        assertThat(AdjustedRandIndex.of(truth, found)).isGreaterThan(MIN_ARI);
        List<Integer> engaged = new ArrayList<>();
        java.util.Map<String, Integer> events = new java.util.HashMap<>();
        for (int p = 0; p < columns.persons(); p++) {
            events.put(columns.personId(p), columns.personEnd(p) - columns.personStart(p));
        }
        for (int i = 0; i < a.persons(); i++) {
            if (events.get(a.personId(i)) >= ENGAGED_EVENTS) {
                engaged.add(i);
            }
        }
        assertThat(engaged.size()).isGreaterThan(500);
        double ari = AdjustedRandIndex.of(engaged.stream().mapToInt(i -> truth[i]).toArray(), engaged.stream().mapToInt(i -> found[i]).toArray());
        assertThat(ari).isGreaterThan(MIN_ENGAGED_ARI);
    }

    @Test
    void aRandomLabellingOfTheSameSizesScoresNearZero() {
        PersonaAssignment a = run("5").assignment();
        List<Integer> shuffled = new ArrayList<>();
        for (int label : found(a)) {
            shuffled.add(label);
        }
        Collections.shuffle(shuffled, new Random(7));
        double ari = AdjustedRandIndex.of(planted(a), shuffled.stream().mapToInt(Integer::intValue).toArray());
        assertThat(Math.abs(ari)).isLessThan(0.02);
    }
}

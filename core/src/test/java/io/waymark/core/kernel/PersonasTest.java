package io.waymark.core.kernel;

import static io.waymark.core.kernel.Journeys.d;
import static io.waymark.core.kernel.Journeys.h;
import static io.waymark.core.kernel.Journeys.m;
import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.core.Json;
import io.waymark.core.event.Channel;
import io.waymark.core.query.PersonasSpec;
import io.waymark.core.query.QuerySpecParser;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PersonasTest {
    private final Journeys j = new Journeys();

    private Personas.Outcome run(String extra) {
        var spec = (PersonasSpec) new QuerySpecParser().parse("{\"kind\":\"personas\",\"to\":\"2026-04-01\"" + extra + "}");
        return Personas.run(spec, j.columns());
    }

    /**
     * Three kinds of persons, ten of each, who behave identically within their kind: phone users who cart a cheap item
     * in the evening and leave; desktop users who buy an expensive office item in the morning; app users who browse
     * three afternoons a week. All at the same times, so that persons of a kind have equal features.
     */
    private void threeKinds() {
        for (int i = 0; i < 10; i++) {
            j.person("bargain-" + i).device("mobile")
                    .page(h(10), "/deals")
                    .at(h(10).plus(m(1)), "product_view", "category", "fashion", "price", 5.0)
                    .at(h(10).plus(m(2)), "add_to_cart");
            j.person("office-" + i).device("desktop")
                    .page(d(1), "/office")
                    .at(d(1).plus(m(1)), "product_view", "category", "office", "price", 200.0)
                    .at(d(1).plus(m(2)), "add_to_cart")
                    .at(d(1).plus(m(3)), "purchase", "revenue", 500.0);
            j.person("app-" + i).device("mobile").channel(Channel.APP);
            for (int day = 0; day < 3; day++) {
                j.screen(d(2 * day).plus(h(3)), "Home").screen(d(2 * day).plus(h(3)).plus(m(1)), "Catalogue");
            }
        }
    }

    private static String kindOf(String personId) {
        return personId.substring(0, personId.indexOf('-'));
    }

    @Test
    void autoFindsTheThreeKindsAndDescribesThem() {
        threeKinds();
        Personas.Outcome o = run("");
        PersonasResult r = o.result();
        assertThat(r.k()).isEqualTo(3);
        assertThat(r.autoK()).isTrue();
        assertThat(r.persons()).isEqualTo(30);
        // identical persons within a kind: every point sits on its centroid, silhouette 1
        assertThat(r.silhouette()).isEqualTo(1.0);
        assertThat(r.tried()).extracting(PersonasResult.Candidate::k).containsExactly(2, 3);
        assertThat(r.personas()).extracting(PersonasResult.Persona::size).containsExactly(10L, 10L, 10L);
        // each persona holds exactly one kind
        PersonaAssignment a = o.assignment();
        Map<Integer, Set<String>> kinds = new java.util.HashMap<>();
        for (int i = 0; i < a.persons(); i++) {
            kinds.computeIfAbsent(a.persona(i), x -> new HashSet<>()).add(kindOf(a.personId(i)));
        }
        assertThat(kinds.values()).allSatisfy(set -> assertThat(set).hasSize(1));
        assertThat(a.toMap()).hasSize(30).containsEntry("office-3", a.toMap().get("office-7"));

        PersonasResult.Persona office = persona(o, "office");
        assertThat(office.revenueShare()).isEqualTo(1.0);
        assertThat(office.kpis()).isEqualTo(new PersonasResult.Kpis(1.0, 1.0, 500.0, 500.0, 0.0));
        assertThat(office.traits()).extracting(PersonasResult.Trait::description).contains("desktop");
        assertThat(office.journey().firstVisitPaths()).containsExactly(
                new PersonasResult.PathCount(List.of("$page", "product_view", "add_to_cart", "purchase"), 10, 1.0));
        assertThat(office.journey().furthestStage()).isEqualTo("purchase");
        assertThat(office.journey().stages()).extracting(PersonasResult.StageReach::share).containsExactly(1.0, 1.0, 1.0, 1.0, 0.0, 0.0);

        PersonasResult.Persona bargain = persona(o, "bargain");
        assertThat(bargain.revenueShare()).isEqualTo(0.0);
        assertThat(bargain.kpis()).isEqualTo(new PersonasResult.Kpis(0.0, 0.0, null, 0.0, 1.0));
        assertThat(bargain.traits()).extracting(PersonasResult.Trait::description).contains("high cart abandonment");
        assertThat(bargain.journey().furthestStage()).isEqualTo("decision");

        PersonasResult.Persona app = persona(o, "app");
        assertThat(app.traits()).extracting(PersonasResult.Trait::description).contains("app");
        assertThat(app.kpis().cartAbandonment()).isNull();
        assertThat(app.journey().firstVisitPaths()).containsExactly(new PersonasResult.PathCount(List.of("$screen"), 10, 1.0));
        assertThat(r.personas()).extracting(PersonasResult.Persona::name).doesNotHaveDuplicates();
        for (PersonasResult.Persona p : r.personas()) {
            assertThat(p.name()).isEqualTo(capitalized(p.traits().get(0).description() + ", " + p.traits().get(1).description()));
            assertThat(p.traits()).allSatisfy(t -> assertThat(Math.abs(t.z())).isGreaterThanOrEqualTo(PersonasResultBuilder.TRAIT_Z));
        }
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static PersonasResult.Persona persona(Personas.Outcome o, String kind) {
        PersonaAssignment a = o.assignment();
        for (int i = 0; i < a.persons(); i++) {
            if (kindOf(a.personId(i)).equals(kind)) {
                return o.result().personas().get(a.persona(i));
            }
        }
        throw new AssertionError("no person of kind " + kind);
    }

    @Test
    void aFixedKIsKeptAndPersonasAreNumberedBySize() {
        threeKinds();
        PersonasResult r = run(",\"k\":2").result();
        assertThat(r.k()).isEqualTo(2);
        assertThat(r.autoK()).isFalse();
        assertThat(r.tried()).extracting(PersonasResult.Candidate::k).containsExactly(2);
        assertThat(r.personas()).extracting(PersonasResult.Persona::size).containsExactly(20L, 10L);
        assertThat(r.personas()).extracting(PersonasResult.Persona::id).containsExactly(0, 1);
        assertThat(r.personas()).extracting(PersonasResult.Persona::share).containsExactly(2 / 3.0, 1 / 3.0);
    }

    @Test
    void aKAboveTheDistinctBehavioursIsLoweredWithAWarning() {
        threeKinds();
        PersonasResult r = run(",\"k\":6").result();
        assertThat(r.k()).isEqualTo(3);
        assertThat(r.warnings()).singleElement().asString().contains("k lowered from 6 to 3");
    }

    @Test
    void theSameDataGivesTheSamePersonas() {
        threeKinds();
        for (int i = 0; i < 50; i++) {
            j.person("mixed-" + i).device(i % 2 == 0 ? "mobile" : "desktop").page(h(i), "/a")
                    .at(h(i).plus(m(1)), "product_view", "category", i % 3 == 0 ? "toys" : "books", "price", 3.0 + i);
        }
        String first = Json.MAPPER.valueToTree(run("").result()).toString();
        String second = Json.MAPPER.valueToTree(run("").result()).toString();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void noPersonsInScopeGiveNoPersonas() {
        threeKinds();
        PersonasResult r = run(",\"from\":\"2026-03-31\"").result();
        assertThat(r.k()).isZero();
        assertThat(r.persons()).isZero();
        assertThat(r.personas()).isEmpty();
        assertThat(r.silhouette()).isNull();
    }

    @Test
    void namesAreTheTwoStrongestTraitsUnlessALargerPersonaHasThatPair() {
        Set<Set<String>> pairs = new HashSet<>();
        Set<String> names = new HashSet<>();
        assertThat(PersonasResultBuilder.uniqueName(traits("high spenders", "frequent buyers", "desktop"), pairs, names))
                .isEqualTo("High spenders, frequent buyers");
        assertThat(PersonasResultBuilder.uniqueName(traits("frequent buyers", "high spenders", "mobile"), pairs, names))
                .isEqualTo("Frequent buyers, mobile");
        assertThat(PersonasResultBuilder.uniqueName(traits("high spenders", "frequent buyers"), pairs, names))
                .isEqualTo("High spenders, frequent buyers 2");
        assertThat(PersonasResultBuilder.uniqueName(traits(), pairs, names)).isEqualTo("Average");
        assertThat(PersonasResultBuilder.uniqueName(traits(), pairs, names)).isEqualTo("Average 2");
    }

    private static List<PersonasResult.Trait> traits(String... words) {
        return java.util.Arrays.stream(words).map(w -> new PersonasResult.Trait(w.replace(' ', '_'), w, 1, null, null)).toList();
    }

    @Test
    void personsWhoAllBehaveAlikeAreOnePersona() {
        for (int i = 0; i < 5; i++) {
            j.person("same-" + i).page(h(1), "/a");
        }
        PersonasResult r = run("").result();
        assertThat(r.k()).isEqualTo(1);
        assertThat(r.personas()).singleElement().satisfies(p -> {
            assertThat(p.size()).isEqualTo(5);
            assertThat(p.name()).isEqualTo("Average");
            assertThat(p.revenueShare()).isNull();
        });
        assertThat(r.warnings()).singleElement().asString().contains("same features");
    }
}

package io.waymark.core.kernel;

import io.waymark.core.query.StageRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Describes the personas of a {@link PersonaClustering.Fit} in a marketer's words: traits, KPIs, typical journey. */
final class PersonasResultBuilder {
    /** A trait must lie this many standard deviations from the mean: half of one is a "medium" effect (Cohen 1988). */
    static final double TRAIT_Z = 0.5;
    static final int MAX_TRAITS = 4;
    static final int NAME_TRAITS = 2;
    static final int TOP_PATHS = 3;

    private final EventColumns columns;
    private final PersonaTable table;
    private final List<PersonaFeature> features;
    private final PersonaClustering.Fit fit;
    private final StageRules stages = DefaultStageRules.get();

    PersonasResultBuilder(EventColumns columns, PersonaTable table, List<PersonaFeature> features, PersonaClustering.Fit fit) {
        this.columns = columns;
        this.table = table;
        this.features = features;
        this.fit = fit;
    }

    /** Per persona sums over its persons. */
    private final class Totals {
        long purchasers;
        long orders;
        double revenue;
        long cartVisits;
        long abandoned;
        final Map<Long, Long> paths = new HashMap<>();
        final long[] reached = new long[stages.stages().size()];
        final long[] furthest = new long[stages.stages().size()];
    }

    PersonasResult build(boolean autoK) {
        int k = fit.k();
        List<Totals> totals = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            totals.add(new Totals());
        }
        double revenue = 0;
        for (int row = 0; row < table.rows(); row++) {
            Totals t = totals.get(fit.label()[row]);
            t.purchasers += table.orders()[row] > 0 ? 1 : 0;
            t.orders += table.orders()[row];
            t.revenue += table.revenue()[row];
            revenue += table.revenue()[row];
            t.cartVisits += table.cartVisits()[row];
            t.abandoned += table.abandonedCarts()[row];
            if (table.firstVisitPath()[row] != 0) {
                t.paths.merge(table.firstVisitPath()[row], 1L, Long::sum);
            }
            int stage = table.furthestStage()[row];
            if (stage >= 0) {
                t.furthest[stage]++;
                for (int s = 0; s <= stage; s++) {
                    t.reached[s]++;
                }
            }
        }
        List<PersonasResult.Persona> personas = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<Set<String>> pairs = new HashSet<>();
        for (int c = 0; c < k; c++) {
            List<PersonasResult.Trait> traits = traits(c);
            personas.add(new PersonasResult.Persona(c, uniqueName(traits, pairs, names), fit.size()[c], share(fit.size()[c], table.rows()),
                    revenue == 0 ? null : totals.get(c).revenue / revenue, traits, kpis(fit.size()[c], totals.get(c)),
                    journey(fit.size()[c], totals.get(c))));
        }
        List<PersonasResult.Candidate> tried = fit.tried().stream()
                .map(t -> new PersonasResult.Candidate(t.k(), nullable(t.silhouette()))).toList();
        return new PersonasResult(k, autoK, nullable(fit.silhouette()), tried, table.rows(), revenue,
                features.stream().map(PersonaFeature::name).toList(), fit.fitSample(), fit.silhouetteSample(), personas, fit.warnings());
    }

    /** The features furthest from the mean that have words for their direction, strongest first. */
    private List<PersonasResult.Trait> traits(int c) {
        double[] z = fit.z()[c];
        List<PersonasResult.Trait> out = new ArrayList<>();
        for (int j = 0; j < features.size(); j++) {
            PersonaFeature f = features.get(j);
            String word = z[j] >= TRAIT_Z ? f.high() : z[j] <= -TRAIT_Z ? f.low() : null;
            if (word != null) {
                out.add(new PersonasResult.Trait(f.name(), word, round(z[j]), nullable(fit.raw()[c][j]), nullable(fit.overall()[j])));
            }
        }
        out.sort(Comparator.comparingDouble((PersonasResult.Trait t) -> -Math.abs(t.z())).thenComparing(PersonasResult.Trait::feature));
        return List.copyOf(out.subList(0, Math.min(MAX_TRAITS, out.size())));
    }

    /**
     * "Mobile, evening": the two strongest traits, or, when a larger persona already has that pair of words, the
     * strongest pair none has; "Average" without traits; a number keeps equal names apart.
     */
    static String uniqueName(List<PersonasResult.Trait> traits, Set<Set<String>> pairs, Set<String> names) {
        List<String> words = traits.stream().map(PersonasResult.Trait::description).toList();
        List<String> chosen = words.subList(0, Math.min(NAME_TRAITS, words.size()));
        search:
        for (int a = 0; a < words.size(); a++) {
            for (int b = a + 1; b < words.size(); b++) {
                if (!pairs.contains(new HashSet<>(List.of(words.get(a), words.get(b))))) {
                    chosen = List.of(words.get(a), words.get(b));
                    break search;
                }
            }
        }
        pairs.add(new HashSet<>(chosen));
        String base = chosen.isEmpty() ? "average" : String.join(", ", chosen);
        base = base.substring(0, 1).toUpperCase(Locale.ROOT) + base.substring(1);
        String name = base;
        for (int n = 2; !names.add(name); n++) {
            name = base + " " + n;
        }
        return name;
    }

    private static PersonasResult.Kpis kpis(long persons, Totals t) {
        return new PersonasResult.Kpis(share(t.purchasers, persons), ratio(t.orders, persons),
                t.orders == 0 ? null : t.revenue / t.orders, ratio(t.revenue, persons), t.cartVisits == 0 ? null : (double) t.abandoned / t.cartVisits);
    }

    private PersonasResult.Journey journey(long persons, Totals t) {
        List<PersonasResult.PathCount> paths = t.paths.entrySet().stream()
                .sorted(Map.Entry.<Long, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_PATHS)
                .map(e -> new PersonasResult.PathCount(FirstVisitPath.keys(e.getKey(), columns), e.getValue(), share(e.getValue(), persons)))
                .toList();
        List<PersonasResult.StageReach> reach = new ArrayList<>();
        String furthest = null;
        long most = 0;
        for (int s = 0; s < t.reached.length; s++) {
            String name = stages.stages().get(s).name();
            reach.add(new PersonasResult.StageReach(name, t.reached[s], share(t.reached[s], persons)));
            if (t.furthest[s] > most) {
                most = t.furthest[s];
                furthest = name;
            }
        }
        return new PersonasResult.Journey(paths, reach, furthest);
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static double ratio(double part, long whole) {
        return whole == 0 ? 0 : part / whole;
    }

    private static Double nullable(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}

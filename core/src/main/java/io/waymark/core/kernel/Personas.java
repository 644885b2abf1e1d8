package io.waymark.core.kernel;

import io.waymark.core.query.FieldPath;
import io.waymark.core.query.PersonasSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a personas spec: {@link PersonaFeaturesKernel} folds every person in scope into a feature vector,
 * {@link PersonaClustering} groups the vectors, {@link PersonasResultBuilder} describes the groups. Besides the result
 * it hands out each person's persona ({@link PersonaAssignment}), for segments built from personas.
 */
public final class Personas {
    private Personas() {
    }

    /** The described personas, each person's persona, and the in-scope events scanned. */
    public record Outcome(PersonasResult result, PersonaAssignment assignment, long events) {
    }

    public static Outcome run(PersonasSpec spec, EventColumns columns) {
        return run(spec, columns, null);
    }

    /** @param persons the members of the spec's segment, or null for everybody */
    public static Outcome run(PersonasSpec spec, EventColumns columns, PersonSet persons) {
        Features f = features(spec, columns, persons);
        PersonaTable table = f.table();
        PersonaClustering.Fit fit = PersonaClustering.fit(table, f.features(), spec.k());
        PersonasResult result = new PersonasResultBuilder(columns, table, f.features(), fit).build(spec.autoK());
        String[] ids = new String[table.rows()];
        for (int row = 0; row < ids.length; row++) {
            ids[row] = columns.personId(table.person()[row]);
        }
        List<String> names = result.personas().stream().map(PersonasResult.Persona::name).toList();
        return new Outcome(result, new PersonaAssignment(ids, table.person(), fit.label(), names), f.events());
    }

    /** The feature table of the persons in scope, before clustering. */
    record Features(PersonaTable table, List<PersonaFeature> features, long events) {
    }

    static Features features(PersonasSpec spec, EventColumns columns, PersonSet persons) {
        Set<FieldPath> fields = new HashSet<>(spec.fields());
        fields.addAll(DefaultStageRules.get().fields());
        spec.scope().filters().forEach(f -> fields.add(f.field()));
        columns.prefetch(fields);
        List<String> categories = PersonaFeaturesKernel.commonCategories(columns);
        List<PersonaFeature> features = PersonaFeature.of(spec.features(), categories);
        PersonaFeaturesKernel kernel = new PersonaFeaturesKernel(spec, columns, categories, end(spec, columns));
        KernelRunner.Run<PersonaTable> run = KernelRunner.run(columns, spec.scope(), persons, kernel);
        return new Features(run.result(), features, run.events());
    }

    /** Recency is measured to {@code to}, or without one to just after the latest event. */
    private static long end(PersonasSpec spec, EventColumns columns) {
        if (spec.scope().range().to() != null) {
            return KernelRunner.micros(spec.scope().range().to());
        }
        long latest = Long.MIN_VALUE;
        for (int p = 0; p < columns.persons(); p++) {
            if (columns.personEnd(p) > columns.personStart(p)) {
                latest = Math.max(latest, columns.micros(columns.personEnd(p) - 1));
            }
        }
        return latest == Long.MIN_VALUE ? 0 : latest + 1;
    }
}

package io.waymark.core.query;

import java.time.Instant;
import java.util.Set;

/**
 * {@code {"kind":"clv","model":"historical|bgnbd","horizonDays":365,"calibrationEnd":"2026-03-01","purchase":"purchase","top":100}}:
 * customer lifetime value. A customer is a person with at least one {@code purchase} event before
 * {@code calibrationEnd} (exclusive; default: just after the latest event in scope); its value is
 * {@code properties.revenue}. {@code historical} reports revenue to date; {@code bgnbd} also fits BG/NBD
 * and Gamma-Gamma on day-level summaries and predicts purchases and value over the next {@code horizonDays},
 * undiscounted. In {@code topPersons} a one-time buyer (no repeat purchase) has pAlive 1 and churnRisk 0: BG/NBD
 * lets customers drop out only right after a repeat purchase, so that is the model's statement, not evidence of
 * activity (profiles therefore leave their churnRisk null). BG/NBD needs at least 30 repeat buyers and a fit whose
 * parameters stay finite and positive; otherwise predictions are null and {@code warnings} says why.
 */
public record ClvSpec(Scope scope, Model model, int horizonDays, Instant calibrationEnd, String purchase, int top)
        implements QuerySpec, AnalysisSpec {

    public enum Model { HISTORICAL, BGNBD }

    @Override
    public String kind() {
        return "clv";
    }

    @Override
    public Set<FieldPath> fields() {
        return Set.of();
    }

    static ClvSpec parse(SpecReader r) {
        r.allowOnly(true, "model", "horizonDays", "calibrationEnd", "purchase", "top");
        Scope scope = r.scope();
        return new ClvSpec(scope, r.choice("model", Model.class, Model.HISTORICAL), r.integer("horizonDays", 1, 3650, 365),
                QuerySpecParser.instant(r.node(), "calibrationEnd", "", scope.timezone()), r.optionalString("purchase", "purchase"),
                r.integer("top", 0, 10_000, 100));
    }
}

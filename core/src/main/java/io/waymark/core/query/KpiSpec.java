package io.waymark.core.query;

import io.waymark.core.error.ErrorCode;
import io.waymark.core.error.WaymarkException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code {"kind":"kpis","from":"2026-03-01","to":"2026-04-01","compareTo":"previous_period|none","churnDays":90}}: the
 * business KPIs of the period [from, to) (conversion, orders, revenue, returns, order value, frequency, repeat purchases,
 * retention, churn, CAC, ROAS/ROI per channel and campaign, NPS, CSAT, session figures), each beside its value in the
 * previous period. See {@code io.waymark.core.kernel.KpiKernel} for every definition.
 *
 * <p>{@code from} and {@code to} are required: retention, churn and new customers are defined relative to the start
 * and end of a period, so there is no sensible "all time" value. The previous period has the same length and ends at
 * {@code from}. {@code churnDays} is the inactivity window: a customer is active at time t when they purchased in the
 * {@code churnDays} days before t. The scope's channel and filters apply to every event the KPIs read, including the
 * history before {@code from}.
 */
public record KpiSpec(Scope scope, Compare compareTo, int churnDays) implements QuerySpec, AnalysisSpec {
    public static final int DEFAULT_CHURN_DAYS = 90;
    public static final String PURCHASE = "purchase";
    public static final String RETURN = "return";
    public static final String SURVEY_RESPONSE = "survey_response";
    public static final FieldPath SURVEY = new FieldPath(FieldPath.Root.PROPERTIES, List.of("survey"));
    public static final FieldPath SCORE = new FieldPath(FieldPath.Root.PROPERTIES, List.of("score"));
    public static final FieldPath CAMPAIGN_NAME = new FieldPath(FieldPath.Root.CONTEXT, List.of("campaign", "name"));

    public enum Compare { PREVIOUS_PERIOD, NONE }

    @Override
    public String kind() {
        return "kpis";
    }

    @Override
    public Set<FieldPath> fields() {
        Set<FieldPath> out = new java.util.HashSet<>(new SessionsSpec(scope, SessionsSpec.DEFAULT_GAP_MINUTES, 1).fields());
        out.addAll(List.of(SURVEY, SCORE, CAMPAIGN_NAME));
        return out;
    }

    @Override
    public boolean usesSpend() {
        return true;
    }

    public Instant from() {
        return scope.range().from();
    }

    public Instant to() {
        return scope.range().to();
    }

    /** The start of the previous period (same length, ending at {@code from}), or null when not compared. */
    public Instant previousFrom() {
        return compareTo == Compare.NONE ? null : from().minus(Duration.between(from(), to()));
    }

    static KpiSpec parse(SpecReader r) {
        r.allowOnly(true, "compareTo", "churnDays");
        Scope scope = r.scope();
        if (scope.range().from() == null) {
            throw new WaymarkException(ErrorCode.MISSING_FIELD, r.name("from"), "'from' is required for kpis: retention, churn and new customers are measured over a period");
        }
        if (scope.range().to() == null) {
            throw new WaymarkException(ErrorCode.MISSING_FIELD, r.name("to"), "'to' is required for kpis: retention, churn and new customers are measured over a period");
        }
        return new KpiSpec(scope, r.choice("compareTo", Compare.class, Compare.PREVIOUS_PERIOD), r.integer("churnDays", 1, 3650, DEFAULT_CHURN_DAYS));
    }
}

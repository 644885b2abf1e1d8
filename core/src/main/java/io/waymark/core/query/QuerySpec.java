package io.waymark.core.query;

/**
 * A typed analysis request. The JSON form has a {@code kind} field; {@link QuerySpecParser}
 * validates it into one of these records, so every engine receives only well-formed specs.
 */
public sealed interface QuerySpec permits SummarySpec, ProfileSpec, PersonSearchSpec, TrendSpec, FunnelSpec, SessionsSpec, StagesSpec, RetentionSpec, PathsSpec, AttributionSpec, KpiSpec, ClvSpec, SegmentSpec, ExperimentSpec, PersonasSpec, RecommendationsSpec, SurveysSpec {
    String kind();
}

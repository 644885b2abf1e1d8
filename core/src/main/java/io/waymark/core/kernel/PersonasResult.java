package io.waymark.core.kernel;

import java.util.List;

/**
 * Personas (see {@link io.waymark.core.query.PersonasSpec}): {@code k} personas, largest first, found on {@code persons}
 * persons in scope with the {@code features} named. {@code tried} holds the mean silhouette of each k considered (one
 * entry for a fixed k; null where it is undefined); {@code silhouette} is that of the chosen k. Centroids were fitted on
 * {@code fitSample} persons and silhouettes measured on {@code silhouetteSample} of them.
 */
public record PersonasResult(int k, boolean autoK, Double silhouette, List<Candidate> tried, long persons, double revenue,
        List<String> features, int fitSample, int silhouetteSample, List<Persona> personas, List<String> warnings) {

    public record Candidate(int k, Double silhouette) {
    }

    /**
     * One persona: {@code id} (0 = largest), a short {@code name} made of its strongest traits, its persons ({@code size},
     * {@code share} of the persons in scope), its {@code revenueShare} (null when there is no revenue), the traits that set
     * it apart, its KPIs and its typical journey.
     */
    public record Persona(int id, String name, long size, double share, Double revenueShare, List<Trait> traits, Kpis kpis,
            Journey journey) {
    }

    /**
     * A feature on which the persona's mean lies at least half a standard deviation from everyone's ({@code z}, in
     * standard deviations of the scaled feature); {@code description} says it in words, {@code value} and {@code overall}
     * are the raw means of the persona and of everyone (over persons for whom the feature is defined).
     */
    public record Trait(String feature, String description, double z, Double value, Double overall) {
    }

    /**
     * {@code conversionRate}: share of its persons with at least one order in scope; {@code ordersPerPerson},
     * {@code revenuePerPerson}; {@code averageOrderValue} (null without orders); {@code cartAbandonment}: share of visits
     * with an add to cart that ended without a purchase (null without such visits).
     */
    public record Kpis(double conversionRate, double ordersPerPerson, Double averageOrderValue, double revenuePerPerson,
            Double cartAbandonment) {
    }

    /**
     * {@code firstVisitPaths}: the most common event-key sequences of the persons' first visit in scope (repeats collapsed,
     * at most 4 steps); {@code stages}: per default journey stage, the persons who reached it or a later one, and
     * {@code furthestStage} the stage most of them reached last.
     */
    public record Journey(List<PathCount> firstVisitPaths, List<StageReach> stages, String furthestStage) {
    }

    public record PathCount(List<String> steps, long persons, double share) {
    }

    public record StageReach(String stage, long persons, double share) {
    }
}

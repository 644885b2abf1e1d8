package io.waymark.core.kernel;

import java.util.List;

/**
 * Retention cohorts, oldest first. {@code returned[N]} and {@code rates[N]} are for offset N; a cohort lists only the
 * offsets whose period has begun by the latest data, so younger cohorts have shorter lists (see
 * {@link io.waymark.core.query.RetentionSpec}).
 */
public record RetentionResult(String period, List<Cohort> cohorts, Average average) {
    /** {@code start} is the first local date of the cohort's period. */
    public record Cohort(String start, long size, List<Long> returned, List<Double> rates) {
    }

    /** Per offset: the persons of the cohorts that reach it, how many of them returned, and the ratio. */
    public record Average(List<Long> sizes, List<Long> returned, List<Double> rates) {
    }
}

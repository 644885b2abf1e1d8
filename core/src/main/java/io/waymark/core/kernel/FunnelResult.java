package io.waymark.core.kernel;

import java.util.List;

/**
 * Persons per step overall and per breakdown value (ordered by persons at step 1, then value), and
 * optionally the persons who dropped off before one step. Times are seconds from the previous step's
 * event to this step's event in each person's counted attempt; percentiles are nearest-rank.
 */
public record FunnelResult(String mode, long windowSeconds, List<Step> steps, String breakdown, List<Breakdown> breakdowns,
        DropOff dropOff) {

    /** Conversions are 0 when the denominator is 0; the time fields are null for step 1 and when nobody reached the step. */
    public record Step(int step, String event, long persons, double conversionFromStart, double conversionFromPrevious,
            Double medianSecondsFromPrevious, Double p90SecondsFromPrevious) {
    }

    public record Breakdown(String value, List<Step> steps) {
    }

    /** Persons who reached step {@code step - 1} but not {@code step}: all of them counted, the first ids (sorted) listed. */
    public record DropOff(int step, long total, List<String> persons) {
    }
}

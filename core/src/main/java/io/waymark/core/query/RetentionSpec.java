package io.waymark.core.query;

import io.waymark.core.error.WaymarkException;
import java.util.Set;

/**
 * {@code {"kind":"retention","start":"first_seen|<event key>","return":"any|<event key>","period":"day|week|month","periods":8}}:
 * cohorts of persons by the local period (in {@code timezone}) of their first in-scope {@code start} event, and for each
 * offset N = 0..periods-1 how many of them did a {@code return} event in the period N periods after the cohort's.
 *
 * <p>Semantics pinned by the golden cases in {@code cases/retention}:
 * <ul>
 * <li>{@code first_seen} starts a person at their first in-scope event of any kind; {@code any} returns on any in-scope event.
 * <li>Period 0 counts persons with a {@code return} event in the cohort period that comes after the start event in the
 *     person's (time, messageId) order, the start event itself excluded. So a purchase-to-purchase retention needs a
 *     second purchase in period 0, like ClickHouse's {@code retention(cond1, cond2)} needs both conditions, and unlike
 *     PostHog, whose period 0 is the start itself (always 100%); our cohort {@code size} already says that.
 * <li>Offsets N ≥ 1 count any {@code return} event in that period (all of them lie after the start).
 * <li>The last reported period is the one holding the latest in-scope event of anyone; a cohort lists only the offsets
 *     up to it, so "not yet happened" (absent) differs from "nobody came back" (0) and the table is a triangle.
 * <li>Cohorts run from the earliest cohort period to that last period; empty periods appear with size 0 and rates 0.
 * <li>{@code average} weighs each offset by the cohorts that reach it: sum of returned ÷ sum of their sizes, as
 *     PostHog's weighted mean.
 * </ul>
 */
public record RetentionSpec(Scope scope, String start, String returning, Period period, int periods)
        implements QuerySpec, AnalysisSpec {
    /** {@link #start()} value: the person's first in-scope event of any kind. */
    public static final String FIRST_SEEN = "first_seen";
    /** {@link #returning()} value: any in-scope event. */
    public static final String ANY = "any";
    public static final int MAX_PERIODS = 366;

    @Override
    public String kind() {
        return "retention";
    }

    @Override
    public Set<FieldPath> fields() {
        return Set.of();
    }

    public boolean startsAtFirstSeen() {
        return start.equals(FIRST_SEEN);
    }

    public boolean returnsOnAny() {
        return returning.equals(ANY);
    }

    static RetentionSpec parse(SpecReader r) {
        r.allowOnly(true, "start", "return", "period", "periods");
        String start = r.string("start");
        String returning = r.string("return");
        if (start.equals(ANY)) {
            throw WaymarkException.invalid(r.name("start"), "'start' must be first_seen or an event key; 'any' is only for 'return'");
        }
        if (returning.equals(FIRST_SEEN)) {
            throw WaymarkException.invalid(r.name("return"), "'return' must be any or an event key; 'first_seen' is only for 'start'");
        }
        return new RetentionSpec(r.scope(), start, returning, r.choice("period", Period.class, Period.DAY),
                r.integer("periods", 1, MAX_PERIODS, 8));
    }
}

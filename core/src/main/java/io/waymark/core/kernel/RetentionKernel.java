package io.waymark.core.kernel;

import io.waymark.core.error.WaymarkException;
import io.waymark.core.query.Period;
import io.waymark.core.query.RetentionSpec;
import io.waymark.core.query.SpecReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cohort retention (semantics in {@link RetentionSpec}). Per person one pass: find the start event, then walk the later
 * events; their periods never decrease, so each offset is counted once by remembering the last one counted, and the
 * walk stops at the first event beyond the last offset. Counts per cohort are plain sums, so partitions merge exactly.
 */
final class RetentionKernel implements PersonKernel<RetentionKernel.Acc, RetentionResult> {
    private static final int MAX_COHORTS = 5000;

    private final RetentionSpec spec;
    private final int startCode;
    private final int returnCode;

    RetentionKernel(RetentionSpec spec, EventColumns columns) {
        this.spec = spec;
        this.startCode = spec.startsAtFirstSeen() ? -1 : columns.eventCode(spec.start());
        this.returnCode = spec.returnsOnAny() ? -1 : columns.eventCode(spec.returning());
    }

    static final class Acc {
        private final LocalCalendar calendar;
        private final Period period;
        /** Cohort period index → {size, returned at offset 0, 1, …}. */
        final Map<Long, long[]> cohorts = new HashMap<>();
        long latest = Long.MIN_VALUE;
        private long monthFrom = Long.MAX_VALUE;
        private long monthTo = Long.MIN_VALUE;
        private long monthIndex;

        Acc(LocalCalendar calendar, Period period) {
            this.calendar = calendar;
            this.period = period;
        }

        /**
         * The period index of an event time. Days and weeks are arithmetic; a month index is cached with its day range,
         * since a person's events come in time order and mostly stay in one month.
         */
        long periodOf(long micros) {
            long day = calendar.epochDay(micros);
            if (period != Period.MONTH) {
                return period.index(day);
            }
            if (day < monthFrom || day >= monthTo) {
                monthIndex = period.index(day);
                monthFrom = period.start(monthIndex).toEpochDay();
                monthTo = period.start(monthIndex + 1).toEpochDay();
            }
            return monthIndex;
        }
    }

    @Override
    public Acc newAccumulator() {
        return new Acc(new LocalCalendar(spec.scope().timezone()), spec.period());
    }

    @Override
    public void person(Acc acc, PersonEvents events) {
        int n = events.size();
        acc.latest = Math.max(acc.latest, events.micros(n - 1));
        int start = spec.startsAtFirstSeen() ? 0 : first(events, startCode);
        if (start < 0) {
            return;
        }
        long cohort = acc.periodOf(events.micros(start));
        long[] counts = acc.cohorts.computeIfAbsent(cohort, k -> new long[spec.periods() + 1]);
        counts[0]++;
        boolean any = spec.returnsOnAny();
        long counted = -1;
        for (int i = start + 1; i < n; i++) {
            if (!any && events.event(i) != returnCode) {
                continue;
            }
            long offset = acc.periodOf(events.micros(i)) - cohort;
            if (offset >= spec.periods()) {
                break;
            }
            if (offset > counted) {
                counts[(int) offset + 1]++;
                counted = offset;
            }
        }
    }

    private static int first(PersonEvents events, int code) {
        if (code < 0) {
            return -1;
        }
        for (int i = 0; i < events.size(); i++) {
            if (events.event(i) == code) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void merge(Acc into, Acc later) {
        into.latest = Math.max(into.latest, later.latest);
        later.cohorts.forEach((cohort, counts) -> {
            Sums.add(into.cohorts.computeIfAbsent(cohort, k -> new long[counts.length]), counts);
        });
    }

    @Override
    public RetentionResult finish(Acc acc) {
        Period period = spec.period();
        String name = SpecReader.wire(period);
        if (acc.cohorts.isEmpty()) {
            return new RetentionResult(name, List.of(), new RetentionResult.Average(List.of(), List.of(), List.of()));
        }
        long first = acc.cohorts.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = acc.periodOf(acc.latest);
        if (last - first >= MAX_COHORTS) {
            throw WaymarkException.invalid("period", "the data spans more than " + MAX_COHORTS + " " + name
                    + "s of cohorts; use a longer period or a shorter from/to");
        }
        int width = (int) Math.min(spec.periods(), last - first + 1);
        long[] sizes = new long[width];
        long[] returned = new long[width];
        List<RetentionResult.Cohort> cohorts = new ArrayList<>();
        for (long c = first; c <= last; c++) {
            long[] counts = acc.cohorts.getOrDefault(c, new long[spec.periods() + 1]);
            int reached = (int) Math.min(spec.periods(), last - c + 1);
            List<Long> back = new ArrayList<>(reached);
            for (int off = 0; off < reached; off++) {
                back.add(counts[off + 1]);
                sizes[off] += counts[0];
                returned[off] += counts[off + 1];
            }
            cohorts.add(new RetentionResult.Cohort(period.start(c).toString(), counts[0], back, rates(back, counts[0])));
        }
        List<Long> sizeList = new ArrayList<>();
        List<Long> returnedList = new ArrayList<>();
        List<Double> rateList = new ArrayList<>();
        for (int off = 0; off < width; off++) {
            sizeList.add(sizes[off]);
            returnedList.add(returned[off]);
            rateList.add(sizes[off] == 0 ? 0.0 : (double) returned[off] / sizes[off]);
        }
        return new RetentionResult(name, cohorts, new RetentionResult.Average(sizeList, returnedList, rateList));
    }

    /** Returned ÷ size; 0 for an empty cohort, since JSON has no NaN. */
    private static List<Double> rates(List<Long> returned, long size) {
        List<Double> out = new ArrayList<>(returned.size());
        for (long r : returned) {
            out.add(size == 0 ? 0.0 : (double) r / size);
        }
        return out;
    }
}

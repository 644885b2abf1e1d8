package io.waymark.core.kernel;

import io.waymark.core.query.FunnelSpec;
import io.waymark.core.query.SpecReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Funnel: per person the best attempt ({@link FunnelMatcher}), then persons and conversion times per
 * step, per breakdown value of the attempt's step-1 event (PostHog's default first-touch attribution;
 * a missing value is {@code $none}). Accumulators keep every conversion time, so percentiles are exact
 * and independent of partitioning.
 */
final class FunnelKernel implements PersonKernel<FunnelKernel.Acc, FunnelResult> {
    static final String NONE = "$none";
    /** About 30,000 years: longer windows behave the same on any real data. */
    private static final long MAX_WINDOW_SECONDS = 1L << 40;

    private final FunnelSpec spec;
    private final int steps;
    private final int[] codes;
    private final RowCondition[] conditions;
    private final StringColumn breakdown;

    FunnelKernel(FunnelSpec spec, EventColumns columns) {
        this.spec = spec;
        this.steps = spec.steps().size();
        this.codes = new int[steps];
        this.conditions = new RowCondition[steps];
        for (int s = 0; s < steps; s++) {
            codes[s] = columns.eventCode(spec.steps().get(s).event());
            conditions[s] = RowCondition.compile(spec.steps().get(s).where(), columns);
        }
        this.breakdown = spec.breakdown() == null ? null : columns.field(spec.breakdown());
    }

    /** Persons per step and the conversion times (microseconds) into each step, of one breakdown value. */
    static final class Cell {
        final long[] persons;
        final LongList[] durations;

        Cell(int steps) {
            persons = new long[steps];
            durations = new LongList[steps];
            for (int s = 0; s < steps; s++) {
                durations[s] = new LongList();
            }
        }

        void addAll(Cell other) {
            for (int s = 0; s < persons.length; s++) {
                persons[s] += other.persons[s];
                durations[s].addAll(other.durations[s]);
            }
        }
    }

    static final class Acc {
        final FunnelMatcher matcher;
        /** By breakdown code + 1 (index 0: missing value); a single cell without a breakdown. */
        final Cell[] cells;
        long dropOffTotal;
        final List<String> dropOff = new ArrayList<>();

        Acc(FunnelMatcher matcher, int cells) {
            this.matcher = matcher;
            this.cells = new Cell[cells];
        }
    }

    @Override
    public Acc newAccumulator() {
        return new Acc(newMatcher(), breakdown == null ? 1 : breakdown.distinct() + 1);
    }

    /** A matcher of this funnel's steps; one per thread, since it keeps per-person scratch arrays. */
    FunnelMatcher newMatcher() {
        return new FunnelMatcher(spec.mode(), windowMicros(), codes, conditions);
    }

    /** The window in microseconds, capped far beyond any event time span so start + window cannot overflow. */
    private long windowMicros() {
        long seconds = spec.window().getSeconds();
        return seconds > MAX_WINDOW_SECONDS ? MAX_WINDOW_SECONDS * 1_000_000 : seconds * 1_000_000;
    }

    @Override
    public void person(Acc acc, PersonEvents events) {
        FunnelMatcher m = acc.matcher;
        int level = m.match(events);
        if (level == 0) {
            return;
        }
        int index = breakdown == null ? 0 : breakdown.code(m.startRow()) + 1;
        Cell cell = acc.cells[index];
        if (cell == null) {
            cell = acc.cells[index] = new Cell(steps);
        }
        for (int s = 0; s < level; s++) {
            cell.persons[s]++;
            if (s > 0) {
                cell.durations[s].add(m.stepMicros(s) - m.stepMicros(s - 1));
            }
        }
        if (spec.dropOffAt() != null && level == spec.dropOffAt() - 1) {
            acc.dropOffTotal++;
            acc.dropOff.add(events.personId());
            keepFirst(acc.dropOff, 2 * spec.limit());
        }
    }

    @Override
    public void merge(Acc into, Acc later) {
        for (int i = 0; i < into.cells.length; i++) {
            if (later.cells[i] != null) {
                if (into.cells[i] == null) {
                    into.cells[i] = new Cell(steps);
                }
                into.cells[i].addAll(later.cells[i]);
            }
        }
        into.dropOffTotal += later.dropOffTotal;
        into.dropOff.addAll(later.dropOff);
        keepFirst(into.dropOff, 2 * spec.limit());
    }

    /** Keeps the smallest ids once the list grew past {@code max}, so memory stays bounded and the answer exact. */
    private void keepFirst(List<String> ids, int max) {
        if (ids.size() > max) {
            Collections.sort(ids);
            ids.subList(spec.limit(), ids.size()).clear();
        }
    }

    @Override
    public FunnelResult finish(Acc acc) {
        Cell total = new Cell(steps);
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < acc.cells.length; i++) {
            if (acc.cells[i] != null) {
                total.addAll(acc.cells[i]);
                present.add(i);
            }
        }
        List<FunnelResult.Breakdown> breakdowns = new ArrayList<>();
        if (breakdown != null) {
            present.sort(Comparator.<Integer>comparingLong(i -> -acc.cells[i].persons[0]).thenComparing(this::label));
            for (int i : present) {
                breakdowns.add(new FunnelResult.Breakdown(label(i), steps(acc.cells[i])));
            }
        }
        FunnelResult.DropOff dropOff = null;
        if (spec.dropOffAt() != null) {
            List<String> ids = new ArrayList<>(acc.dropOff);
            Collections.sort(ids);
            dropOff = new FunnelResult.DropOff(spec.dropOffAt(), acc.dropOffTotal, List.copyOf(ids.subList(0, Math.min(ids.size(), spec.limit()))));
        }
        return new FunnelResult(SpecReader.wire(spec.mode()), spec.window().toSeconds(), steps(total),
                spec.breakdown() == null ? null : spec.breakdown().toString(), breakdowns, dropOff);
    }

    private String label(int index) {
        String v = breakdown.valueOf(index - 1);
        return v == null ? NONE : v;
    }

    private List<FunnelResult.Step> steps(Cell cell) {
        List<FunnelResult.Step> out = new ArrayList<>(steps);
        for (int s = 0; s < steps; s++) {
            long n = cell.persons[s];
            out.add(new FunnelResult.Step(s + 1, spec.steps().get(s).event(), n, ratio(n, cell.persons[0]),
                    ratio(n, s == 0 ? cell.persons[0] : cell.persons[s - 1]),
                    seconds(cell.durations[s].nearestRank(50)), seconds(cell.durations[s].nearestRank(90))));
        }
        return out;
    }

    private static double ratio(long n, long of) {
        return of == 0 ? 0 : (double) n / of;
    }

    private static Double seconds(Long micros) {
        return micros == null ? null : micros / 1e6;
    }
}

package io.waymark.core.kernel;

import io.waymark.core.query.FunnelSpec;
import io.waymark.core.query.SpecReader;
import java.util.ArrayList;
import java.util.Arrays;
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
        final Durations[] durations;

        Cell(int steps) {
            persons = new long[steps];
            durations = new Durations[steps];
            for (int s = 0; s < steps; s++) {
                durations[s] = new Durations();
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
        var matcher = new FunnelMatcher(spec.mode(), windowMicros(), codes, conditions);
        return new Acc(matcher, breakdown == null ? 1 : breakdown.distinct() + 1);
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
            long[] sorted = cell.durations[s].sorted();
            out.add(new FunnelResult.Step(s + 1, spec.steps().get(s).event(), n, ratio(n, cell.persons[0]),
                    ratio(n, s == 0 ? cell.persons[0] : cell.persons[s - 1]),
                    seconds(Durations.nearestRank(sorted, 50)), seconds(Durations.nearestRank(sorted, 90))));
        }
        return out;
    }

    private static double ratio(long n, long of) {
        return of == 0 ? 0 : (double) n / of;
    }

    private static Double seconds(long micros) {
        return micros == Long.MIN_VALUE ? null : micros / 1e6;
    }

    /** A growable list of microsecond durations. */
    static final class Durations {
        private long[] values = new long[8];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void addAll(Durations o) {
            if (size + o.size > values.length) {
                values = Arrays.copyOf(values, Math.max(size + o.size, values.length * 2));
            }
            System.arraycopy(o.values, 0, values, size, o.size);
            size += o.size;
        }

        long[] sorted() {
            long[] out = Arrays.copyOf(values, size);
            Arrays.sort(out);
            return out;
        }

        /**
         * The nearest-rank percentile (the value at 1-based rank ceil(p/100 * n)), in integer
         * arithmetic so no engine disagrees by a rounding; Long.MIN_VALUE when empty.
         */
        static long nearestRank(long[] sorted, int percent) {
            if (sorted.length == 0) {
                return Long.MIN_VALUE;
            }
            long rank = ((long) percent * sorted.length + 99) / 100;
            return sorted[(int) Math.max(1, rank) - 1];
        }
    }
}

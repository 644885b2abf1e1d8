package io.waymark.core.kernel;

import io.waymark.core.error.WaymarkException;
import io.waymark.core.query.Period;
import io.waymark.core.query.SpecReader;
import io.waymark.core.query.TrendSpec;
import io.waymark.core.query.TrendSpec.Measure.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Counts one event per local period (and breakdown value): events, distinct persons per period, or a numeric sum. */
final class TrendKernel implements PersonKernel<TrendKernel.Acc, TrendResult> {
    static final String OTHER = "$other";
    static final String NONE = "$none";
    private static final int MAX_PERIODS = 5000;

    private final TrendSpec spec;
    private final int eventCode;
    private final StringColumn breakdown;
    private final StringColumn summed;

    TrendKernel(TrendSpec spec, EventColumns columns) {
        this.spec = spec;
        this.eventCode = columns.eventCode(spec.event());
        this.breakdown = spec.breakdown() == null ? null : columns.field(spec.breakdown());
        this.summed = spec.measure().field() == null ? null : columns.field(spec.measure().field());
    }

    static final class Acc {
        final LocalCalendar calendar;
        /** breakdown code → period index → value. */
        final Map<Integer, Map<Long, double[]>> values = new HashMap<>();
        /** breakdown code → distinct persons (for the persons measure) or the summed value, for ranking and totals. */
        final Map<Integer, double[]> totals = new HashMap<>();
        final Set<Long> seen = new HashSet<>();
        final Set<Integer> seenCodes = new HashSet<>();

        Acc(LocalCalendar calendar) {
            this.calendar = calendar;
        }

        void add(int code, long period, double v) {
            values.computeIfAbsent(code, k -> new HashMap<>()).computeIfAbsent(period, k -> new double[1])[0] += v;
        }

        void addTotal(int code, double v) {
            totals.computeIfAbsent(code, k -> new double[1])[0] += v;
        }
    }

    @Override
    public Acc newAccumulator() {
        return new Acc(new LocalCalendar(spec.scope().timezone()));
    }

    @Override
    public void person(Acc acc, PersonEvents events) {
        if (eventCode < 0) {
            return;
        }
        Kind kind = spec.measure().kind();
        acc.seen.clear();
        acc.seenCodes.clear();
        for (int i = 0; i < events.size(); i++) {
            if (events.event(i) != eventCode) {
                continue;
            }
            int row = events.row(i);
            int code = breakdown == null ? 0 : breakdown.code(row);
            long period = spec.interval().index(acc.calendar.epochDay(events.micros(i)));
            switch (kind) {
                case EVENTS -> {
                    acc.add(code, period, 1);
                    acc.addTotal(code, 1);
                }
                case SUM -> {
                    double v = summed.number(row);
                    if (!Double.isNaN(v)) {
                        acc.add(code, period, v);
                        acc.addTotal(code, v);
                    }
                }
                case PERSONS -> {
                    // A person counts once per period and once in the total of each breakdown value.
                    if (acc.seen.add(period * 4_294_967_296L + code)) {
                        acc.add(code, period, 1);
                    }
                    if (acc.seenCodes.add(code)) {
                        acc.addTotal(code, 1);
                    }
                }
            }
        }
    }

    @Override
    public void merge(Acc into, Acc later) {
        later.values.forEach((code, periods) -> periods.forEach((p, v) -> into.add(code, p, v[0])));
        later.totals.forEach((code, v) -> into.addTotal(code, v[0]));
    }

    @Override
    public TrendResult finish(Acc acc) {
        long first;
        long last;
        var range = spec.scope().range();
        LocalCalendar cal = new LocalCalendar(spec.scope().timezone());
        Period interval = spec.interval();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Map<Long, double[]> m : acc.values.values()) {
            for (long p : m.keySet()) {
                min = Math.min(min, p);
                max = Math.max(max, p);
            }
        }
        first = range.from() != null ? interval.index(cal.epochDay(KernelRunner.micros(range.from()))) : min;
        last = range.to() != null ? interval.index(cal.epochDay(KernelRunner.micros(range.to()) - 1)) : max;
        List<String> periods = new ArrayList<>();
        if (first <= last) {
            if (last - first >= MAX_PERIODS) {
                throw WaymarkException.invalid("interval", "the range spans more than " + MAX_PERIODS + " " + SpecReader.wire(interval)
                        + "s; use a longer interval or a shorter from/to");
            }
            for (long p = first; p <= last; p++) {
                periods.add(interval.start(p).toString());
            }
        }
        List<Integer> codes = new ArrayList<>(acc.totals.keySet());
        codes.sort(Comparator.<Integer>comparingDouble(c -> -acc.totals.get(c)[0]).thenComparing(c -> label(c)));
        List<TrendResult.Series> series = new ArrayList<>();
        double[] otherPoints = null;
        double otherTotal = 0;
        for (int i = 0; i < codes.size(); i++) {
            int code = codes.get(i);
            double[] points = points(acc.values.getOrDefault(code, Map.of()), first, periods.size());
            if (breakdown == null || i < spec.top()) {
                series.add(series(breakdown == null ? null : label(code), acc.totals.get(code)[0], points, periods));
            } else {
                otherPoints = otherPoints == null ? new double[periods.size()] : otherPoints;
                for (int j = 0; j < points.length; j++) {
                    otherPoints[j] += points[j];
                }
                otherTotal += acc.totals.get(code)[0];
            }
        }
        if (otherPoints != null) {
            // Persons may be counted under several values, so $other's persons total is an upper bound.
            series.add(series(OTHER, otherTotal, otherPoints, periods));
        }
        String measure = spec.measure().kind() == Kind.SUM ? "sum:" + spec.measure().field() : SpecReader.wire(spec.measure().kind());
        return new TrendResult(spec.event(), SpecReader.wire(interval), measure, periods, series);
    }

    private String label(int code) {
        if (breakdown == null) {
            return null;
        }
        String v = breakdown.valueOf(code);
        return v == null ? NONE : v;
    }

    private static double[] points(Map<Long, double[]> byPeriod, long first, int n) {
        double[] out = new double[n];
        byPeriod.forEach((p, v) -> {
            long i = p - first;
            if (i >= 0 && i < n) {
                out[(int) i] += v[0];
            }
        });
        return out;
    }

    private static TrendResult.Series series(String key, double total, double[] points, List<String> periods) {
        List<TrendResult.Point> out = new ArrayList<>(points.length);
        for (int i = 0; i < points.length; i++) {
            out.add(new TrendResult.Point(periods.get(i), points[i]));
        }
        return new TrendResult.Series(key, total, out);
    }
}

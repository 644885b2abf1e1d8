package io.waymark.core.kernel;

import io.waymark.core.query.ClvSpec;
import java.util.Arrays;

/**
 * Collects each customer's day-level purchase summary (first and last purchase day, repeat purchase days,
 * revenue) into primitive arrays; {@link ClvModels} fits and scores them in {@link #finish}. Days follow
 * the lifetimes library's summary_data_from_transaction_data with freq "D": several purchases on one local
 * day are one transaction, so x = purchase days - 1, t_x = last - first purchase day and T = calibration
 * end day - first purchase day. Partitions merge by concatenation, so the result is partition independent.
 */
final class ClvKernel implements PersonKernel<ClvKernel.Acc, ClvResult> {
    private final ClvSpec spec;
    private final EventColumns columns;
    private final int purchaseCode;
    private final long calibrationEnd;

    ClvKernel(ClvSpec spec, EventColumns columns) {
        this.spec = spec;
        this.columns = columns;
        this.purchaseCode = columns.eventCode(spec.purchase());
        this.calibrationEnd = spec.calibrationEnd() == null ? Long.MAX_VALUE : KernelRunner.micros(spec.calibrationEnd());
    }

    /** One row per customer, in person order. */
    static final class Acc {
        final LocalCalendar calendar;
        int size;
        int[] person = new int[64];
        int[] firstDay = new int[64];
        int[] lastDay = new int[64];
        int[] repeatDays = new int[64];
        int[] purchases = new int[64];
        double[] revenue = new double[64];
        double[] repeatRevenue = new double[64];
        byte[] channel = new byte[64];
        /** The latest in-scope event time, for the default calibration end. */
        long latest = Long.MIN_VALUE;

        Acc(LocalCalendar calendar) {
            this.calendar = calendar;
        }

        void ensure(int n) {
            if (n > person.length) {
                int c = Math.max(n, person.length * 2);
                person = Arrays.copyOf(person, c);
                firstDay = Arrays.copyOf(firstDay, c);
                lastDay = Arrays.copyOf(lastDay, c);
                repeatDays = Arrays.copyOf(repeatDays, c);
                purchases = Arrays.copyOf(purchases, c);
                revenue = Arrays.copyOf(revenue, c);
                repeatRevenue = Arrays.copyOf(repeatRevenue, c);
                channel = Arrays.copyOf(channel, c);
            }
        }
    }

    @Override
    public Acc newAccumulator() {
        return new Acc(new LocalCalendar(spec.scope().timezone()));
    }

    @Override
    public void person(Acc acc, PersonEvents events) {
        acc.latest = Math.max(acc.latest, events.micros(events.size() - 1));
        if (purchaseCode < 0) {
            return;
        }
        int first = Integer.MIN_VALUE;
        int last = 0;
        int repeatDays = 0;
        int purchases = 0;
        double revenue = 0;
        double repeatRevenue = 0;
        for (int i = 0; i < events.size(); i++) {
            long t = events.micros(i);
            if (t >= calibrationEnd) {
                break;
            }
            if (events.event(i) != purchaseCode) {
                continue;
            }
            int day = (int) acc.calendar.epochDay(t);
            double v = events.revenue(i);
            v = Double.isNaN(v) ? 0 : v;
            if (first == Integer.MIN_VALUE) {
                first = day;
            } else if (day != last) {
                repeatDays++;
            }
            if (day != first) {
                repeatRevenue += v;
            }
            last = day;
            purchases++;
            revenue += v;
        }
        if (purchases == 0) {
            return;
        }
        int n = acc.size;
        acc.ensure(n + 1);
        acc.person[n] = events.person();
        acc.firstDay[n] = first;
        acc.lastDay[n] = last;
        acc.repeatDays[n] = repeatDays;
        acc.purchases[n] = purchases;
        acc.revenue[n] = revenue;
        acc.repeatRevenue[n] = repeatRevenue;
        acc.channel[n] = (byte) events.columns().channelOrdinal(events.row(0));
        acc.size = n + 1;
    }

    @Override
    public void merge(Acc into, Acc later) {
        into.latest = Math.max(into.latest, later.latest);
        int n = into.size;
        int m = later.size;
        into.ensure(n + m);
        System.arraycopy(later.person, 0, into.person, n, m);
        System.arraycopy(later.firstDay, 0, into.firstDay, n, m);
        System.arraycopy(later.lastDay, 0, into.lastDay, n, m);
        System.arraycopy(later.repeatDays, 0, into.repeatDays, n, m);
        System.arraycopy(later.purchases, 0, into.purchases, n, m);
        System.arraycopy(later.revenue, 0, into.revenue, n, m);
        System.arraycopy(later.repeatRevenue, 0, into.repeatRevenue, n, m);
        System.arraycopy(later.channel, 0, into.channel, n, m);
        into.size = n + m;
    }

    @Override
    public ClvResult finish(Acc acc) {
        String label = spec.calibrationEnd() != null ? spec.calibrationEnd().toString()
                : acc.latest == Long.MIN_VALUE ? null
                : java.time.Instant.ofEpochSecond(Math.floorDiv(acc.latest, 1_000_000L), Math.floorMod(acc.latest, 1_000_000L) * 1000L).toString();
        return models(acc).result(label);
    }

    /** The models over the collected customers, measured up to the calibration end. */
    ClvModels models(Acc acc) {
        // The calibration end is exclusive; by default it falls just after the latest event in scope (reported as that event's time).
        long end = spec.calibrationEnd() != null ? calibrationEnd : acc.latest == Long.MIN_VALUE ? 0 : acc.latest + 1;
        int endDay = (int) acc.calendar.epochDay(end - 1);
        return new ClvModels(spec, columns, acc, endDay);
    }
}

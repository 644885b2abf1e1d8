package io.waymark.core.kernel;

import io.waymark.core.event.Channel;
import io.waymark.core.query.Scope;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Runs a {@link PersonKernel} over {@link EventColumns}: applies the {@link Scope} (time range,
 * channels, filters) to each person's rows, folds partitions of persons in parallel and merges
 * them in person order, so results do not depend on the number of threads.
 */
public final class KernelRunner {
    private static final int PERSONS_PER_PARTITION = 4096;

    private KernelRunner() {
    }

    /** The result and what was scanned: in-scope events and persons with at least one. */
    public record Run<R>(R result, long events, long persons) {
    }

    public static <A, R> Run<R> run(EventColumns columns, Scope scope, PersonKernel<A, R> kernel) {
        return run(columns, scope, null, kernel);
    }

    /** @param persons the only persons to fold (a segment's members), or null for everybody */
    public static <A, R> Run<R> run(EventColumns columns, Scope scope, PersonSet persons, PersonKernel<A, R> kernel) {
        return run(columns, scope, persons, kernel, PERSONS_PER_PARTITION);
    }

    static <A, R> Run<R> run(EventColumns columns, Scope scope, PersonSet members, PersonKernel<A, R> kernel, int personsPerPartition) {
        RowScope rows = new RowScope(scope, columns);
        int partitions = (int) Math.max(1, ((long) columns.persons() + personsPerPartition - 1) / personsPerPartition);
        AtomicLong events = new AtomicLong();
        AtomicLong persons = new AtomicLong();
        // Partitions run in waves and merge in order after each wave, so only a wave's accumulators
        // live at once (they can be large: one counter per distinct page, breakdown value, ...).
        int wave = Math.max(2, 4 * ForkJoinPool.getCommonPoolParallelism());
        A total = null;
        for (int first = 0; first < partitions; first += wave) {
            int base = first;
            @SuppressWarnings("unchecked")
            A[] accs = (A[]) new Object[Math.min(wave, partitions - first)];
            IntStream.range(0, accs.length).parallel().forEach(i -> {
                long start = (long) (base + i) * personsPerPartition;
                int end = (int) Math.min(columns.persons(), start + personsPerPartition);
                accs[i] = fold(columns, rows, members, kernel, (int) start, end, events, persons);
            });
            for (A acc : accs) {
                if (total == null) {
                    total = acc;
                } else {
                    kernel.merge(total, acc);
                }
            }
        }
        return new Run<>(kernel.finish(total), events.get(), persons.get());
    }

    /** Folds persons [first, end) into a new accumulator, each with their in-scope rows. */
    private static <A> A fold(EventColumns columns, RowScope rows, PersonSet members, PersonKernel<A, ?> kernel, int first, int end,
            AtomicLong events, AtomicLong persons) {
        A acc = kernel.newAccumulator();
        PersonEvents view = new PersonEvents(columns);
        long seenEvents = 0;
        long seenPersons = 0;
        for (int p = first; p < end; p++) {
            if (members != null && !members.contains(p)) {
                continue;
            }
            view.reset(p);
            for (int r = columns.personStart(p), last = columns.personEnd(p); r < last; r++) {
                if (rows.test(r)) {
                    view.add(r);
                }
            }
            if (view.size() > 0) {
                seenEvents += view.size();
                seenPersons++;
                kernel.person(acc, view);
            }
        }
        events.addAndGet(seenEvents);
        persons.addAndGet(seenPersons);
        return acc;
    }

    /** The scope compiled against one set of columns: time range, channels and filters. */
    private static final class RowScope {
        private final EventColumns columns;
        private final long from;
        private final long to;
        private final boolean[] channelOk = new boolean[Channel.values().length];
        private final RowCondition condition;

        RowScope(Scope scope, EventColumns columns) {
            this.columns = columns;
            this.from = scope.range().from() == null ? Long.MIN_VALUE : micros(scope.range().from());
            this.to = scope.range().to() == null ? Long.MAX_VALUE : micros(scope.range().to());
            for (Channel c : Channel.values()) {
                channelOk[c.ordinal()] = scope.channels().isEmpty() || scope.channels().contains(c);
            }
            this.condition = RowCondition.compile(scope.filters(), columns);
        }

        boolean test(int row) {
            long t = columns.micros(row);
            return t >= from && t < to && channelOk[columns.channelOrdinal(row)] && condition.test(row);
        }
    }

    static long micros(java.time.Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    }
}

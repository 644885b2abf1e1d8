package io.waymark.core.kernel;

import io.waymark.core.event.Channel;
import io.waymark.core.query.Scope;
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
        return run(columns, scope, kernel, PERSONS_PER_PARTITION);
    }

    static <A, R> Run<R> run(EventColumns columns, Scope scope, PersonKernel<A, R> kernel, int personsPerPartition) {
        long from = scope.range().from() == null ? Long.MIN_VALUE : micros(scope.range().from());
        long to = scope.range().to() == null ? Long.MAX_VALUE : micros(scope.range().to());
        boolean[] channelOk = new boolean[Channel.values().length];
        for (Channel c : Channel.values()) {
            channelOk[c.ordinal()] = scope.channels().isEmpty() || scope.channels().contains(c);
        }
        RowCondition condition = RowCondition.compile(scope.filters(), columns);
        int partitions = Math.max(1, (columns.persons() + personsPerPartition - 1) / personsPerPartition);
        @SuppressWarnings("unchecked")
        A[] accs = (A[]) new Object[partitions];
        AtomicLong events = new AtomicLong();
        AtomicLong persons = new AtomicLong();
        IntStream.range(0, partitions).parallel().forEach(part -> {
            A acc = kernel.newAccumulator();
            PersonEvents view = new PersonEvents(columns);
            long seenEvents = 0;
            long seenPersons = 0;
            int end = Math.min(columns.persons(), (part + 1) * personsPerPartition);
            for (int p = part * personsPerPartition; p < end; p++) {
                view.reset(p);
                for (int r = columns.personStart(p), last = columns.personEnd(p); r < last; r++) {
                    long t = columns.micros(r);
                    if (t >= from && t < to && channelOk[columns.channelOrdinal(r)] && condition.test(r)) {
                        view.add(r);
                    }
                }
                if (view.size() > 0) {
                    seenEvents += view.size();
                    seenPersons++;
                    kernel.person(acc, view);
                }
            }
            accs[part] = acc;
            events.addAndGet(seenEvents);
            persons.addAndGet(seenPersons);
        });
        A total = accs[0];
        for (int i = 1; i < partitions; i++) {
            kernel.merge(total, accs[i]);
        }
        return new Run<>(kernel.finish(total), events.get(), persons.get());
    }

    static long micros(java.time.Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
    }
}

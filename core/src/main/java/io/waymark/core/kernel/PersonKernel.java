package io.waymark.core.kernel;

/**
 * An analysis as a fold over persons: each partition of persons gets its own accumulator, sees
 * every person's in-scope events in time order once, and partitions merge in person order. The
 * same kernel runs on every engine (embedded store, Spark) because it only sees {@link PersonEvents}.
 *
 * @param <A> the mutable accumulator of one partition
 * @param <R> the result
 */
public interface PersonKernel<A, R> {
    A newAccumulator();

    /** Folds one person's events (never empty) into {@code acc}. */
    void person(A acc, PersonEvents events);

    /** Folds {@code later}, the accumulator of a later partition, into {@code into}. */
    void merge(A into, A later);

    R finish(A acc);
}

package io.waymark.core.kernel;

/** Folds every person into one accumulator, the reference that partitioned runs must equal. */
final class KernelFolds {
    private KernelFolds() {
    }

    static <A, R> R inOneAccumulator(PersonKernel<A, R> kernel, EventColumns columns) {
        A acc = kernel.newAccumulator();
        PersonEvents view = new PersonEvents(columns);
        for (int p = 0; p < columns.persons(); p++) {
            view.reset(p);
            for (int r = columns.personStart(p); r < columns.personEnd(p); r++) {
                view.add(r);
            }
            kernel.person(acc, view);
        }
        return kernel.finish(acc);
    }
}

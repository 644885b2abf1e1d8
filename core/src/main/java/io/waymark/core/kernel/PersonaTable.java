package io.waymark.core.kernel;

import java.util.Arrays;

/**
 * What {@link PersonaFeaturesKernel} found, one row per person in scope in person order: the raw feature vector
 * ({@code width} floats from {@code features[row * width]}, NaN where undefined) and the facts the persona KPIs and
 * journeys sum up. Floats halve the memory of 700k persons × 30 features; k-means needs no more precision.
 */
record PersonaTable(int width, int[] person, float[] features, int[] orders, double[] revenue, int[] cartVisits,
        int[] abandonedCarts, long[] firstVisitPath, byte[] furthestStage) {

    int rows() {
        return person.length;
    }

    float feature(int row, int j) {
        return features[row * width + j];
    }

    /** Appends rows person by person; partitions' builders are concatenated in person order. */
    static final class Builder {
        private final int width;
        private int size;
        private int[] person = new int[16];
        private float[] features;
        private int[] orders = new int[16];
        private double[] revenue = new double[16];
        private int[] cartVisits = new int[16];
        private int[] abandoned = new int[16];
        private long[] path = new long[16];
        private byte[] stage = new byte[16];

        Builder(int width) {
            this.width = width;
            this.features = new float[16 * width];
        }

        /** Adds a person's {@code width} features and facts. */
        void add(int p, float[] vector, int orderCount, double revenueSum, int carts, int abandonedCarts, long firstVisitPath, int furthestStage) {
            ensure(size + 1);
            person[size] = p;
            System.arraycopy(vector, 0, features, size * width, width);
            orders[size] = orderCount;
            revenue[size] = revenueSum;
            cartVisits[size] = carts;
            abandoned[size] = abandonedCarts;
            path[size] = firstVisitPath;
            stage[size] = (byte) furthestStage;
            size++;
        }

        void addAll(Builder o) {
            ensure(size + o.size);
            System.arraycopy(o.person, 0, person, size, o.size);
            System.arraycopy(o.features, 0, features, size * width, o.size * width);
            System.arraycopy(o.orders, 0, orders, size, o.size);
            System.arraycopy(o.revenue, 0, revenue, size, o.size);
            System.arraycopy(o.cartVisits, 0, cartVisits, size, o.size);
            System.arraycopy(o.abandoned, 0, abandoned, size, o.size);
            System.arraycopy(o.path, 0, path, size, o.size);
            System.arraycopy(o.stage, 0, stage, size, o.size);
            size += o.size;
        }

        private void ensure(int n) {
            if (n <= person.length) {
                return;
            }
            int cap = Math.max(n, person.length * 2);
            person = Arrays.copyOf(person, cap);
            features = Arrays.copyOf(features, cap * width);
            orders = Arrays.copyOf(orders, cap);
            revenue = Arrays.copyOf(revenue, cap);
            cartVisits = Arrays.copyOf(cartVisits, cap);
            abandoned = Arrays.copyOf(abandoned, cap);
            path = Arrays.copyOf(path, cap);
            stage = Arrays.copyOf(stage, cap);
        }

        PersonaTable build() {
            return new PersonaTable(width, Arrays.copyOf(person, size), Arrays.copyOf(features, size * width), Arrays.copyOf(orders, size),
                    Arrays.copyOf(revenue, size), Arrays.copyOf(cartVisits, size), Arrays.copyOf(abandoned, size), Arrays.copyOf(path, size),
                    Arrays.copyOf(stage, size));
        }
    }
}

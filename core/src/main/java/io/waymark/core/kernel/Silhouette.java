package io.waymark.core.kernel;

/**
 * The mean silhouette of a clustering (Rousseeuw, "Silhouettes: a graphical aid to the interpretation and validation
 * of cluster analysis", Journal of Computational and Applied Mathematics 20, 1987): for a point in cluster A, a = mean
 * distance to the other points of A, b = the smallest mean distance to the points of another cluster, s = (b - a) /
 * max(a, b), and s = 0 for a point alone in its cluster. Euclidean distances between the points are computed once and
 * kept (a triangle of floats), since every candidate k scores the same points.
 */
final class Silhouette {
    private final int n;
    private final float[] distances;

    Silhouette(double[][] points) {
        this.n = points.length;
        this.distances = new float[(int) ((long) n * (n - 1) / 2)];
        java.util.stream.IntStream.range(1, n).parallel().forEach(i -> {
            int base = i * (i - 1) / 2;
            for (int j = 0; j < i; j++) {
                distances[base + j] = (float) distance(points[i], points[j]);
            }
        });
    }

    private double d(int i, int j) {
        return i > j ? distances[i * (i - 1) / 2 + j] : distances[j * (j - 1) / 2 + i];
    }

    /** The mean silhouette of the points labelled 0..k-1; NaN with fewer than two clusters. */
    double mean(int[] label, int k) {
        int[] size = new int[k];
        for (int l : label) {
            size[l]++;
        }
        int used = 0;
        for (int s : size) {
            used += s > 0 ? 1 : 0;
        }
        if (used < 2) {
            return Double.NaN;
        }
        double[] s = new double[n];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> s[i] = point(i, label, size));
        double total = 0;
        for (double v : s) {
            total += v; // in point order, so the mean does not depend on the threads
        }
        return total / n;
    }

    private double point(int i, int[] label, int[] size) {
        if (size[label[i]] == 1) {
            return 0;
        }
        double[] sum = new double[size.length];
        for (int j = 0; j < n; j++) {
            if (j != i) {
                sum[label[j]] += d(i, j);
            }
        }
        double a = sum[label[i]] / (size[label[i]] - 1);
        double b = Double.POSITIVE_INFINITY;
        for (int c = 0; c < size.length; c++) {
            if (c != label[i] && size[c] > 0) {
                b = Math.min(b, sum[c] / size[c]);
            }
        }
        double m = Math.max(a, b);
        return m == 0 ? 0 : (b - a) / m;
    }

    static double distance(double[] x, double[] y) {
        return Math.sqrt(squared(x, y));
    }

    static double squared(double[] x, double[] y) {
        double s = 0;
        for (int j = 0; j < x.length; j++) {
            double t = x[j] - y[j];
            s += t * t;
        }
        return s;
    }
}

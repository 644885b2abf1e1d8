package io.waymark.core.kernel;

import io.waymark.core.query.PersonasSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.hipparchus.clustering.CentroidCluster;
import org.hipparchus.clustering.Clusterable;
import org.hipparchus.clustering.KMeansPlusPlusClusterer;
import org.hipparchus.clustering.MultiKMeansPlusPlusClusterer;
import org.hipparchus.clustering.distance.EuclideanDistance;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.random.Well19937c;

/**
 * Groups the persons of a {@link PersonaTable} by k-means on their standardized features ({@link PersonaScaling}).
 * Centroids are fitted with Hipparchus' k-means++ (Arthur &amp; Vassilvitskii, "k-means++: the advantages of careful
 * seeding", SODA 2007), best of {@link #TRIALS} seeded runs by within-cluster variance, on a sample of at most
 * {@link #FIT_SAMPLE} persons taken at a fixed stride of the person order (person ids are hashes, so the stride is
 * an unbiased sample); then every person joins their nearest centroid. This is CLARA's way to scale (Kaufman &amp;
 * Rousseeuw, "Finding Groups in Data", 1990, ch. 3): with 20,000 persons a centroid's standard error is far below the
 * distance between personas, and the cost of the final pass grows linearly with the persons. With {@code k = auto}
 * every k from 2 to 8 is fitted and the one with the highest mean {@link Silhouette} on {@link #SILHOUETTE_SAMPLE}
 * persons of the fit sample wins (ties: the smaller k). Every random choice comes from a generator seeded with
 * {@link #SEED} and k, so the same data always gives the same personas.
 */
final class PersonaClustering {
    static final int FIT_SAMPLE = 20_000;
    static final int SILHOUETTE_SAMPLE = 4_000;
    static final int TRIALS = 3;
    static final int MAX_ITERATIONS = 100;
    static final long SEED = 20_070_107L;
    private static final int CHUNK = 4096;

    /** A silhouette of one candidate k (NaN when it could not be scored). */
    record Candidate(int k, double silhouette) {
    }

    /**
     * The clustering: {@code label[row]} is the persona of each table row, 0 the largest; per persona its size, the mean
     * standardized value of each feature ({@code z}, before the group weights) and the mean raw value over the persons
     * for whom it is defined; {@code overall} the raw means of everyone.
     */
    record Fit(int k, List<Candidate> tried, double silhouette, int fitSample, int silhouetteSample, int[] label, long[] size,
            double[][] z, double[][] raw, double[] overall, List<String> warnings) {
    }

    private record Point(double[] getPoint) implements Clusterable {
    }

    private PersonaClustering() {
    }

    static Fit fit(PersonaTable table, List<PersonaFeature> features, Integer requestedK) {
        int d = features.size();
        PersonaScaling scaling = PersonaScaling.fit(table, features);
        List<Point> sample = sample(table, scaling, d);
        List<String> warnings = new ArrayList<>();
        int distinct = distinct(sample);
        if (distinct < PersonasSpec.MIN_K) {
            double[][] one = distinct == 0 ? new double[0][] : new double[][] {sample.get(0).getPoint().clone()};
            if (table.rows() > 0) {
                warnings.add("all persons in scope have the same features: one persona");
            }
            return assign(table, scaling, d, new Choice(one, List.of(), 0), sample.size(), warnings);
        }
        if (requestedK != null && requestedK > distinct) {
            warnings.add("only " + distinct + " distinct feature vectors: k lowered from " + requestedK + " to " + distinct);
        }
        int[] ks = requestedK == null
                ? IntStream.rangeClosed(PersonasSpec.MIN_K, Math.min(PersonasSpec.MAX_AUTO_K, distinct)).toArray()
                : new int[] {Math.min(requestedK, distinct)};
        return assign(table, scaling, d, choose(sample, ks), sample.size(), warnings);
    }

    /** The centroids of the chosen k, the silhouette of every k tried, and how many persons the silhouettes scored. */
    private record Choice(double[][] centroids, List<Candidate> tried, int silhouetteSample) {
    }

    /** Fits every k in {@code ks} (in parallel) and keeps the one of highest mean silhouette, the smaller k on ties. */
    private static Choice choose(List<Point> sample, int[] ks) {
        List<Point> scored = stride(sample, SILHOUETTE_SAMPLE);
        Silhouette silhouette = new Silhouette(scored.stream().map(Point::getPoint).toArray(double[][]::new));
        double[][][] fitted = new double[ks.length][][];
        IntStream.range(0, ks.length).parallel().forEach(i -> fitted[i] = centroids(sample, ks[i]));
        List<Candidate> tried = new ArrayList<>();
        int best = -1;
        for (int i = 0; i < ks.length; i++) {
            double s = fitted[i] == null ? Double.NaN : silhouette.mean(nearest(scored, fitted[i]), fitted[i].length);
            tried.add(new Candidate(ks[i], s));
            if (fitted[i] != null && (best < 0 || s > tried.get(best).silhouette() || Double.isNaN(tried.get(best).silhouette()))) {
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("k-means found no clustering for k = " + Arrays.toString(ks));
        }
        return new Choice(fitted[best], tried, scored.size());
    }

    /** Every ⌈n / {@link #FIT_SAMPLE}⌉-th person, standardized. */
    private static List<Point> sample(PersonaTable table, PersonaScaling scaling, int d) {
        int step = Math.max(1, (table.rows() + FIT_SAMPLE - 1) / FIT_SAMPLE);
        List<Point> out = new ArrayList<>();
        double[] z = new double[d];
        for (int row = 0; row < table.rows(); row += step) {
            double[] point = new double[d];
            scaling.z(table, row, z);
            scaling.weigh(z, point);
            out.add(new Point(point));
        }
        return out;
    }

    private static List<Point> stride(List<Point> points, int max) {
        int step = Math.max(1, (points.size() + max - 1) / max);
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i += step) {
            out.add(points.get(i));
        }
        return out;
    }

    private static int distinct(List<Point> points) {
        Set<List<Double>> seen = new HashSet<>();
        for (Point p : points) {
            seen.add(Arrays.stream(p.getPoint()).boxed().toList());
            if (seen.size() > PersonasSpec.MAX_K) {
                break;
            }
        }
        return seen.size();
    }

    /** k-means++ centroids of the sample, or null when Hipparchus gives up (it can when clusters empty out). */
    private static double[][] centroids(List<Point> sample, int k) {
        var single = new KMeansPlusPlusClusterer<Point>(k, MAX_ITERATIONS, new EuclideanDistance(), new Well19937c(SEED + k),
                KMeansPlusPlusClusterer.EmptyClusterStrategy.LARGEST_VARIANCE);
        try {
            List<CentroidCluster<Point>> clusters = new MultiKMeansPlusPlusClusterer<>(single, TRIALS).cluster(sample);
            return clusters.stream().map(c -> c.getCenter().getPoint().clone()).toArray(double[][]::new);
        } catch (MathIllegalStateException e) {
            return null;
        }
    }

    private static int[] nearest(List<Point> points, double[][] centroids) {
        int[] out = new int[points.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = nearest(points.get(i).getPoint(), centroids);
        }
        return out;
    }

    private static int nearest(double[] z, double[][] centroids) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double s = Silhouette.squared(z, centroids[c]);
            if (s < bestDistance) {
                best = c;
                bestDistance = s;
            }
        }
        return best;
    }

    /** Per cluster: persons, sums of z and of the defined raw values; chunks merge in order, so results do not depend on threads. */
    private static final class ClusterSums {
        final long[] size;
        final double[][] z;
        final double[][] raw;
        final long[][] defined;

        ClusterSums(int k, int d) {
            size = new long[k];
            z = new double[k][d];
            raw = new double[k][d];
            defined = new long[k][d];
        }

        void add(ClusterSums o) {
            for (int c = 0; c < size.length; c++) {
                size[c] += o.size[c];
                Sums.add(z[c], o.z[c]);
                Sums.add(raw[c], o.raw[c]);
                Sums.add(defined[c], o.defined[c]);
            }
        }

        /** The mean raw value of feature j over everyone for whom it is defined. */
        double overall(int j) {
            double sum = 0;
            long n = 0;
            for (int c = 0; c < size.length; c++) {
                sum += raw[c][j];
                n += defined[c][j];
            }
            return n == 0 ? Double.NaN : sum / n;
        }
    }

    /** Puts every row in its nearest centroid's cluster ({@code label}) and sums the clusters up, in parallel chunks. */
    private static ClusterSums nearestAll(PersonaTable table, PersonaScaling scaling, int d, double[][] centroids, int[] label) {
        int chunks = (table.rows() + CHUNK - 1) / CHUNK;
        ClusterSums[] parts = new ClusterSums[chunks];
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            ClusterSums s = new ClusterSums(centroids.length, d);
            double[] z = new double[d];
            double[] point = new double[d];
            for (int row = chunk * CHUNK, end = Math.min(table.rows(), row + CHUNK); row < end; row++) {
                scaling.z(table, row, z);
                scaling.weigh(z, point);
                int c = nearest(point, centroids);
                label[row] = c;
                s.size[c]++;
                for (int j = 0; j < d; j++) {
                    s.z[c][j] += z[j];
                    float x = table.feature(row, j);
                    if (!Float.isNaN(x)) {
                        s.raw[c][j] += x;
                        s.defined[c][j]++;
                    }
                }
            }
            parts[chunk] = s;
        });
        ClusterSums total = new ClusterSums(centroids.length, d);
        for (ClusterSums s : parts) {
            total.add(s);
        }
        return total;
    }

    /** Every person joins the nearest centroid; personas are then numbered by size, largest first, and empty ones dropped. */
    private static Fit assign(PersonaTable table, PersonaScaling scaling, int d, Choice choice, int fitSample, List<String> warnings) {
        int k = choice.centroids().length;
        int[] label = new int[table.rows()];
        ClusterSums total = nearestAll(table, scaling, d, choice.centroids(), label);
        int[] order = IntStream.range(0, k).boxed().filter(c -> total.size[c] > 0)
                .sorted(Comparator.comparingLong((Integer c) -> -total.size[c]).thenComparing(c -> c)).mapToInt(Integer::intValue).toArray();
        int personas = order.length;
        int[] rank = new int[k];
        long[] size = new long[personas];
        double[][] z = new double[personas][d];
        double[][] raw = new double[personas][d];
        for (int r = 0; r < personas; r++) {
            int c = order[r];
            rank[c] = r;
            size[r] = total.size[c];
            for (int j = 0; j < d; j++) {
                z[r][j] = total.z[c][j] / total.size[c];
                raw[r][j] = total.defined[c][j] == 0 ? Double.NaN : total.raw[c][j] / total.defined[c][j];
            }
        }
        for (int row = 0; row < label.length; row++) {
            label[row] = rank[label[row]];
        }
        double[] overall = IntStream.range(0, d).mapToDouble(total::overall).toArray();
        double chosen = choice.tried().stream().filter(t -> t.k() == k).mapToDouble(Candidate::silhouette).findFirst().orElse(Double.NaN);
        return new Fit(personas, List.copyOf(choice.tried()), chosen, fitSample, choice.silhouetteSample(), label, size, z, raw, overall,
                List.copyOf(warnings));
    }
}

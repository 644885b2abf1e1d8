package io.waymark.core.kernel;

import java.util.List;

/**
 * Puts the persona features on one scale before k-means. K-means compares persons by Euclidean distance, so a feature
 * measured in euros would outweigh one measured as a share; each feature is therefore z-scored (minus its mean, divided
 * by its standard deviation over the persons in scope) and counts weigh in proportion to their spread, not their unit.
 * Heavy-tailed counts and amounts ({@link PersonaFeature#logScale}) are taken as log(1 + x) first, and z is clipped to
 * ±{@link #CLIP}, so that a few bulk buyers do not set the scale for everyone else. Robust scaling (median and
 * interquartile range) was not used: most shares have an interquartile range of 0 (most persons never view office supplies),
 * which would divide by zero or blow rare behaviour up. An undefined value (the order value of a person without orders)
 * becomes 0, the mean: it pulls no persona either way. Last, each feature is weighted by 1/√(features in its group), so
 * every group adds the same variance to the distance: ten category shares would otherwise outvote the one share of
 * mobile use, and what a persona is made of would depend on how finely a group happens to be cut.
 */
final class PersonaScaling {
    static final double CLIP = 5;

    private final boolean[] log;
    private final double[] mean;
    private final double[] std;
    private final double[] weight;

    private PersonaScaling(boolean[] log, double[] mean, double[] std, double[] weight) {
        this.log = log;
        this.mean = mean;
        this.std = std;
        this.weight = weight;
    }

    static PersonaScaling fit(PersonaTable table, List<PersonaFeature> features) {
        int d = features.size();
        boolean[] log = new boolean[d];
        for (int j = 0; j < d; j++) {
            log[j] = features.get(j).logScale();
        }
        double[] sum = new double[d];
        double[] sq = new double[d];
        long[] n = new long[d];
        PersonaScaling raw = new PersonaScaling(log, new double[d], new double[d], new double[d]);
        for (int row = 0; row < table.rows(); row++) {
            for (int j = 0; j < d; j++) {
                double t = raw.transform(table.feature(row, j), j);
                if (!Double.isNaN(t)) {
                    sum[j] += t;
                    sq[j] += t * t;
                    n[j]++;
                }
            }
        }
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = n[j] == 0 ? 0 : sum[j] / n[j];
            std[j] = n[j] == 0 ? 0 : Math.sqrt(Math.max(0, sq[j] / n[j] - mean[j] * mean[j]));
        }
        double[] weight = new double[d];
        for (int j = 0; j < d; j++) {
            PersonaFeature f = features.get(j);
            long size = features.stream().filter(g -> g.group() == f.group()).count();
            weight[j] = 1 / Math.sqrt(size);
        }
        return new PersonaScaling(log, mean, std, weight);
    }

    private double transform(float x, int j) {
        return log[j] ? Math.log1p(Math.max(0, x)) : x;
    }

    /** The standardized (clipped) features of a table row, into {@code z}: what persona descriptions compare. */
    void z(PersonaTable table, int row, double[] z) {
        for (int j = 0; j < z.length; j++) {
            double t = transform(table.feature(row, j), j);
            double v = Double.isNaN(t) || std[j] < 1e-12 ? 0 : (t - mean[j]) / std[j];
            z[j] = Math.max(-CLIP, Math.min(CLIP, v));
        }
    }

    /** {@code z} weighted by group into {@code out}: the point k-means places. */
    void weigh(double[] z, double[] out) {
        for (int j = 0; j < z.length; j++) {
            out[j] = weight[j] * z[j];
        }
    }
}

/**
 * The statistics of experiments (A/B tests), on summary statistics only: every input is a {@link
 * io.waymark.core.stats.MetricSummary} (n, sum, sum of squares and, for CUPED, the pre-exposure covariate's sums
 * and the cross products), so partial results from partitions or engines merge by addition before any test runs,
 * as GrowthBook's gbstats does.
 *
 * <ul>
 *   <li>{@link io.waymark.core.stats.FrequentistTest}: Welch's t-test, absolute and relative (delta-method) effects.</li>
 *   <li>{@link io.waymark.core.stats.SequentialTest}: an always-valid confidence sequence (Howard et al. 2021).</li>
 *   <li>{@link io.waymark.core.stats.BayesianTest}: chance to beat control and expected loss.</li>
 *   <li>{@link io.waymark.core.stats.Cuped}: variance reduction with the pre-exposure metric (Deng et al. 2013).</li>
 *   <li>{@link io.waymark.core.stats.SampleRatioCheck}, {@link io.waymark.core.stats.MultipleTesting},
 *       {@link io.waymark.core.stats.Verdict}, and the facade {@link io.waymark.core.stats.ExperimentStatistics}.</li>
 * </ul>
 */
package io.waymark.core.stats;

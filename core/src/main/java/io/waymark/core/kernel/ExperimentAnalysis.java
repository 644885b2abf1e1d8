package io.waymark.core.kernel;

import io.waymark.core.experiment.Experiment;
import io.waymark.core.experiment.Metric;
import io.waymark.core.experiment.Variant;
import io.waymark.core.query.ExperimentSpec;
import io.waymark.core.query.Scope;
import io.waymark.core.stats.ExperimentData;
import io.waymark.core.stats.ExperimentResult;
import io.waymark.core.stats.ExperimentStatistics;
import io.waymark.core.stats.MetricSummary;
import io.waymark.core.stats.MetricType;
import io.waymark.core.stats.SampleRatioCheck;
import io.waymark.core.stats.SequentialTest;
import java.util.ArrayList;
import java.util.List;

/** An experiment analysed on event columns: {@link ExperimentKernel}'s summaries through {@link ExperimentStatistics}. */
public final class ExperimentAnalysis {
    private ExperimentAnalysis() {
    }

    /**
     * @param exposed persons per variant (control first)
     * @param mixed persons exposed to more than one variant, left out
     * @param unknownVariant persons exposed to a variant the experiment does not define, left out
     */
    public record Report(String experiment, String name, List<String> variants, List<Long> exposed, long mixed, long unknownVariant,
            ExperimentResult result) {
    }

    /** @param persons the members of the spec's segment, or null for everybody */
    public static Report run(Experiment e, ExperimentSpec spec, EventColumns columns, PersonSet persons) {
        columns.prefetch(ExperimentKernel.fields(e));
        ExperimentKernel kernel = new ExperimentKernel(e, columns);
        ExperimentKernel.Acc acc = KernelRunner.run(columns, Scope.ALL, persons, kernel).result();
        List<String> names = e.variants().stream().map(Variant::key).toList();
        List<Long> exposed = new ArrayList<>();
        for (int v = 0; v < names.size(); v++) {
            exposed.add(acc.n(v));
        }
        List<ExperimentData.Metric> metrics = new ArrayList<>();
        for (int m = 0; m < kernel.metrics().size(); m++) {
            Metric metric = kernel.metrics().get(m);
            List<MetricSummary> summaries = new ArrayList<>();
            for (double[] s : acc.sums[m]) {
                summaries.add(new MetricSummary((long) s[0], s[1], s[2], s[3], s[4], s[5]));
            }
            metrics.add(new ExperimentData.Metric(metric.name(), metric.binary() ? MetricType.BINOMIAL : MetricType.MEAN,
                    m == 0 ? ExperimentData.Role.PRIMARY : ExperimentData.Role.GUARDRAIL, metric.higherIsBetter(), summaries));
        }
        var settings = new ExperimentData.Settings(e.alpha(), ExperimentSpec.method(spec.correction()), spec.sequential(),
                SequentialTest.DEFAULT_TUNING, spec.cuped(), SampleRatioCheck.DEFAULT_THRESHOLD);
        List<Double> weights = e.variants().stream().map(Variant::weight).toList();
        ExperimentResult result = ExperimentStatistics.analyze(new ExperimentData(names, weights, exposed, metrics, settings));
        return new Report(e.key(), e.name(), names, exposed, acc.mixed, acc.unknownVariant, result);
    }
}

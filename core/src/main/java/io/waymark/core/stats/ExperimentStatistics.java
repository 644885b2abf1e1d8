package io.waymark.core.stats;

import io.waymark.core.error.WaymarkException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The facade: an experiment's summaries in ({@link ExperimentData}, control first), every test, the sample-ratio
 * check, the multiple-testing correction, guardrails and a verdict per variant out ({@link ExperimentResult}).
 *
 * <p>The correction's family is every primary and secondary metric × every variant; guardrails stay uncorrected,
 * which makes them quicker to flag harm. The verdict reads the first primary metric (else the first secondary).
 */
public final class ExperimentStatistics {
    private ExperimentStatistics() {
    }

    public static ExperimentResult analyze(ExperimentData data) {
        validate(data);
        ExperimentData.Settings settings = data.settings() == null ? ExperimentData.Settings.DEFAULTS : data.settings();
        List<String> variants = data.variants();
        SampleRatioCheck.Result srm = SampleRatioCheck.check(units(data), weights(data), settings.srmThreshold());

        List<ExperimentResult.MetricResult> raw = new ArrayList<>();
        for (ExperimentData.Metric m : data.metrics()) {
            raw.add(analyze(m, variants, settings));
        }
        List<ExperimentResult.MetricResult> metrics = correct(raw, settings);

        String family = "primary and secondary metrics x variants against control";
        return new ExperimentResult(variants, srm,
                new ExperimentResult.Correction(settings.correction().label(), family(metrics), family), metrics,
                verdicts(variants, metrics, settings, srm));
    }

    private static List<Verdict> verdicts(List<String> variants, List<ExperimentResult.MetricResult> metrics,
                                          ExperimentData.Settings settings, SampleRatioCheck.Result srm) {
        ExperimentResult.MetricResult primary = metrics.stream().filter(m -> m.role() == ExperimentData.Role.PRIMARY)
                .findFirst().orElseGet(() -> metrics.stream().filter(m -> m.role() != ExperimentData.Role.GUARDRAIL)
                        .findFirst().orElseThrow());
        String label = family(metrics) > 1 && settings.correction() != MultipleTesting.Method.NONE
                ? settings.correction().label() + "-adjusted p" : "p";
        List<Verdict> verdicts = new ArrayList<>();
        for (int v = 1; v < variants.size(); v++) {
            List<Verdict.Guardrail> guardrails = new ArrayList<>();
            for (ExperimentResult.MetricResult m : metrics) {
                if (m.role() == ExperimentData.Role.GUARDRAIL) {
                    ExperimentResult.Comparison c = m.comparisons().get(v - 1);
                    guardrails.add(Verdict.Guardrail.evaluate(m.name(), m.higherIsBetter(), c.decisive(), c.decisiveIsRelative()));
                }
            }
            ExperimentResult.Comparison c = primary.comparisons().get(v - 1);
            Verdict.Reading reading = new Verdict.Reading(primary.name(), primary.higherIsBetter(), c.decisive(),
                    c.decisiveIsRelative(), c.adjustedPValue() == null ? 1 : c.adjustedPValue(), label);
            verdicts.add(Verdict.decide(variants.get(0), variants.get(v), reading, settings.alpha(), guardrails, srm));
        }
        return List.copyOf(verdicts);
    }

    private static ExperimentResult.MetricResult analyze(ExperimentData.Metric m, List<String> variants,
                                                         ExperimentData.Settings settings) {
        List<MetricSummary> summaries = m.variants();
        Cuped.Adjustment cuped = settings.cuped() && summaries.stream().allMatch(MetricSummary::hasCovariate)
                ? Cuped.adjust(summaries) : null;
        List<ArmMoments> moments = cuped != null ? cuped.arms()
                : summaries.stream().map(s -> ArmMoments.of(s, m.type())).collect(Collectors.toList());
        List<ExperimentResult.Arm> arms = new ArrayList<>();
        for (int i = 0; i < summaries.size(); i++) {
            arms.add(new ExperimentResult.Arm(variants.get(i), summaries.get(i).n(), summaries.get(i).mean(),
                    moments.get(i).mean(), cuped == null ? null : cuped.varianceReduction().get(i)));
        }
        List<ExperimentResult.Comparison> comparisons = new ArrayList<>();
        for (int v = 1; v < variants.size(); v++) {
            comparisons.add(compare(m, variants.get(v), moments.get(0), moments.get(v), summaries.get(0), summaries.get(v),
                    settings));
        }
        return new ExperimentResult.MetricResult(m.name(), m.type(), m.role(), m.higherIsBetter(), arms,
                cuped == null ? null : cuped.theta(), comparisons);
    }

    private static ExperimentResult.Comparison compare(ExperimentData.Metric m, String variant, ArmMoments control,
                                                       ArmMoments treatment, MetricSummary controlSummary,
                                                       MetricSummary treatmentSummary, ExperimentData.Settings settings) {
        if (!ArmMoments.comparable(control, treatment)) {
            return new ExperimentResult.Comparison(variant, null, null, null, null, false, null, false,
                    "not enough data: each arm needs two units and the metric some variance");
        }
        FrequentistTest.Result fixed = new FrequentistTest(settings.alpha()).compare(control, treatment);
        SequentialTest.Result sequential = settings.sequential()
                ? new SequentialTest(settings.alpha(), settings.tuningParameter()).compare(control, treatment) : null;
        BayesianTest.Result bayesian = m.type() == MetricType.BINOMIAL
                ? BayesianTest.conversions(controlSummary.n(), Math.round(controlSummary.sum()), treatmentSummary.n(),
                        Math.round(treatmentSummary.sum()))
                : BayesianTest.means(control, treatment);
        if (!m.higherIsBetter()) {
            bayesian = bayesian.lowerIsBetter();
        }
        Estimate relative = sequential != null ? sequential.relative() : fixed.relative();
        Estimate decisive = relative != null ? relative : sequential != null ? sequential.absolute() : fixed.absolute();
        return new ExperimentResult.Comparison(variant, fixed, sequential, bayesian, decisive, relative != null,
                decisive.pValue(), decisive.pValue() < settings.alpha(), null);
    }

    /** Replaces the p-values of the family (primary and secondary comparisons that ran) by adjusted ones. */
    private static List<ExperimentResult.MetricResult> correct(List<ExperimentResult.MetricResult> metrics,
                                                               ExperimentData.Settings settings) {
        List<Double> family = new ArrayList<>();
        for (ExperimentResult.MetricResult m : metrics) {
            if (m.role() != ExperimentData.Role.GUARDRAIL) {
                m.comparisons().stream().filter(c -> c.decisive() != null).forEach(c -> family.add(c.decisive().pValue()));
            }
        }
        double[] adjusted = MultipleTesting.adjust(settings.correction(),
                family.stream().mapToDouble(Double::doubleValue).toArray());
        int k = 0;
        List<ExperimentResult.MetricResult> out = new ArrayList<>();
        for (ExperimentResult.MetricResult m : metrics) {
            if (m.role() == ExperimentData.Role.GUARDRAIL) {
                out.add(m);
                continue;
            }
            List<ExperimentResult.Comparison> comparisons = new ArrayList<>();
            for (ExperimentResult.Comparison c : m.comparisons()) {
                if (c.decisive() == null) {
                    comparisons.add(c);
                } else {
                    double p = adjusted[k++];
                    comparisons.add(new ExperimentResult.Comparison(c.variant(), c.frequentist(), c.sequential(),
                            c.bayesian(), c.decisive(), c.decisiveIsRelative(), p, p < settings.alpha(), null));
                }
            }
            out.add(new ExperimentResult.MetricResult(m.name(), m.type(), m.role(), m.higherIsBetter(), m.arms(),
                    m.cupedTheta(), List.copyOf(comparisons)));
        }
        return List.copyOf(out);
    }

    private static int family(List<ExperimentResult.MetricResult> metrics) {
        return (int) metrics.stream().filter(m -> m.role() != ExperimentData.Role.GUARDRAIL)
                .flatMap(m -> m.comparisons().stream()).filter(c -> c.decisive() != null).count();
    }

    private static List<Long> units(ExperimentData data) {
        if (data.units() != null) {
            return data.units();
        }
        return data.metrics().get(0).variants().stream().map(MetricSummary::n).collect(Collectors.toList());
    }

    private static List<Double> weights(ExperimentData data) {
        return data.weights() != null ? data.weights() : Collections.nCopies(data.variants().size(), 1.0);
    }

    private static void validate(ExperimentData data) {
        List<String> variants = data.variants();
        if (variants == null || variants.size() < 2) {
            throw WaymarkException.invalid("variants", "an experiment needs a control and at least one variant");
        }
        if (new HashSet<>(variants).size() != variants.size()) {
            throw WaymarkException.invalid("variants", "variant names must be distinct");
        }
        if (data.weights() != null && (data.weights().size() != variants.size()
                || data.weights().stream().anyMatch(w -> w == null || !(w > 0) || w.isInfinite()))) {
            throw WaymarkException.invalid("weights", "one positive weight per variant");
        }
        if (data.units() != null && (data.units().size() != variants.size()
                || data.units().stream().anyMatch(u -> u == null || u < 0))) {
            throw WaymarkException.invalid("units", "one count >= 0 per variant");
        }
        if (data.metrics() == null || data.metrics().stream().allMatch(m -> m.role() == ExperimentData.Role.GUARDRAIL)) {
            throw WaymarkException.invalid("metrics", "at least one primary or secondary metric");
        }
        for (int i = 0; i < data.metrics().size(); i++) {
            ExperimentData.Metric m = data.metrics().get(i);
            if (m.name() == null || m.type() == null || m.role() == null) {
                throw WaymarkException.invalid("metrics[" + i + "]", "a metric needs a name, a type and a role");
            }
            if (m.variants() == null || m.variants().size() != variants.size()
                    || m.variants().stream().anyMatch(Objects::isNull)) {
                throw WaymarkException.invalid("metrics[" + i + "].variants", "one summary per variant, control first");
            }
            for (int v = 0; v < variants.size(); v++) {
                MetricSummary s = m.variants().get(v);
                if (m.type() == MetricType.BINOMIAL && (s.sum() < 0 || s.sum() > s.n() || s.sum() != Math.rint(s.sum()))) {
                    throw WaymarkException.invalid("metrics[" + i + "].variants[" + v + "]",
                            "a binomial metric counts conversions: a whole number between 0 and n");
                }
            }
        }
        ExperimentData.Settings s = data.settings();
        if (s != null && !(s.alpha() > 0 && s.alpha() < 0.5)) {
            throw WaymarkException.invalid("settings.alpha", "alpha must be in (0, 0.5)");
        }
        if (s != null && (s.correction() == null || !(s.tuningParameter() >= 1) || !(s.srmThreshold() > 0 && s.srmThreshold() < 1))) {
            throw WaymarkException.invalid("settings", "correction required, tuningParameter >= 1, srmThreshold in (0, 1)");
        }
    }
}

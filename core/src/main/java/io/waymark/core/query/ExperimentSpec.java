package io.waymark.core.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.stats.ExperimentData;
import io.waymark.core.stats.MetricSummary;
import io.waymark.core.stats.MetricType;
import io.waymark.core.stats.MultipleTesting;
import io.waymark.core.stats.SampleRatioCheck;
import io.waymark.core.stats.SequentialTest;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code {"kind":"experiment","experiment":"fast_shipping","sequential":false,"correction":"holm","cuped":true}}:
 * the saved experiment's exposed persons per variant, sample-ratio check, and for its metric and guardrails the
 * frequentist, Bayesian and (with {@code sequential}) always-valid results, CUPED-adjusted when {@code cuped}, with
 * {@code correction} (holm, benjamini_hochberg or none) over the comparisons, and a verdict. The analysis covers every
 * exposure so far; {@code segment} restricts it to a segment's members.
 *
 * <p>Stateless form, for results computed elsewhere: instead of {@code experiment}, {@code "summaries":{"variants":["a","b"],
 * "weights":[1,1],"metrics":[{"name":"conversion","type":"binomial|mean","role":"primary|secondary|guardrail",
 * "higherIsBetter":true,"variants":[{"n":1000,"sum":100,"sumSquares":100},…]}]}} (per variant, optionally
 * {@code covariateSum}, {@code covariateSumSquares}, {@code crossProductSum} for CUPED).
 */
public record ExperimentSpec(String experiment, ExperimentData summaries, boolean sequential, Correction correction, boolean cuped,
        SegmentRef segment) implements QuerySpec {
    public enum Correction { HOLM, BENJAMINI_HOCHBERG, NONE }

    @Override
    public String kind() {
        return "experiment";
    }

    static ExperimentSpec parse(SpecReader r) {
        r.allowOnly(false, "kind", "experiment", "summaries", "sequential", "correction", "cuped", "segment", "timezone");
        if (r.has("experiment") == r.has("summaries")) {
            throw WaymarkException.invalid(r.name("experiment"), "give either a saved 'experiment' key or 'summaries' per variant");
        }
        String key = r.optionalString("experiment", null);
        if (key != null) {
            io.waymark.core.experiment.Experiment.key(key, r.name("experiment"));
        }
        var segment = r.node().get("segment");
        if (key == null && segment != null && !segment.isNull()) {
            throw WaymarkException.invalid(r.name("segment"), "'segment' applies to a saved experiment, not to given summaries");
        }
        Correction correction = r.choice("correction", Correction.class, Correction.HOLM);
        boolean sequential = r.bool("sequential", false);
        boolean cuped = r.bool("cuped", true);
        ExperimentData summaries = key != null ? null : summaries(r.object("summaries"), new ExperimentData.Settings(0.05,
                method(correction), sequential, SequentialTest.DEFAULT_TUNING, cuped, SampleRatioCheck.DEFAULT_THRESHOLD));
        return new ExperimentSpec(key, summaries, sequential, correction, cuped,
                segment == null || segment.isNull() ? null : SegmentRef.parse(segment, r.name("segment"), r.timezone()));
    }

    public static MultipleTesting.Method method(Correction c) {
        return switch (c) {
            case HOLM -> MultipleTesting.Method.HOLM;
            case BENJAMINI_HOCHBERG -> MultipleTesting.Method.BENJAMINI_HOCHBERG;
            case NONE -> MultipleTesting.Method.NONE;
        };
    }

    private static ExperimentData summaries(SpecReader r, ExperimentData.Settings settings) {
        r.allowOnly(false, "variants", "weights", "metrics");
        List<String> variants = new ArrayList<>();
        JsonNode names = r.node().get("variants");
        if (names == null || !names.isArray() || names.size() < 2) {
            throw WaymarkException.invalid(r.name("variants"), "'" + r.name("variants") + "' must list at least two variant names, control first");
        }
        names.forEach(n -> variants.add(n.asText()));
        List<Double> weights = null;
        JsonNode w = r.node().get("weights");
        if (w != null && !w.isNull()) {
            if (!w.isArray() || w.size() != variants.size()) {
                throw WaymarkException.invalid(r.name("weights"), "'" + r.name("weights") + "' must give one weight per variant");
            }
            weights = new ArrayList<>();
            for (JsonNode x : w) {
                if (!x.isNumber() || x.asDouble() <= 0) {
                    throw WaymarkException.invalid(r.name("weights"), "weights must be positive numbers");
                }
                weights.add(x.asDouble());
            }
        }
        List<ExperimentData.Metric> metrics = new ArrayList<>();
        for (SpecReader m : r.objects("metrics")) {
            m.allowOnly(false, "name", "type", "role", "higherIsBetter", "variants");
            List<MetricSummary> per = new ArrayList<>();
            for (SpecReader v : m.objects("variants")) {
                v.allowOnly(false, "n", "sum", "sumSquares", "covariateSum", "covariateSumSquares", "crossProductSum");
                if (!v.has("n")) {
                    throw WaymarkException.missing(v.name("n"));
                }
                try {
                    per.add(new MetricSummary(v.integer("n", 0, Integer.MAX_VALUE, 0), number(v, "sum", true), number(v, "sumSquares", true), number(v, "covariateSum", false),
                            number(v, "covariateSumSquares", false), number(v, "crossProductSum", false)));
                } catch (IllegalArgumentException e) {
                    throw WaymarkException.invalid(v.path(), e.getMessage());
                }
            }
            if (per.size() != variants.size()) {
                throw WaymarkException.invalid(m.name("variants"), "'" + m.name("variants") + "' must give one summary per variant");
            }
            MetricType type = m.choice("type", MetricType.class, null);
            for (int i = 0; i < per.size(); i++) {
                MetricSummary v = per.get(i);
                if (type == MetricType.BINOMIAL && (v.sum() < 0 || v.sum() > v.n() || v.sumSquares() != v.sum())) {
                    throw WaymarkException.invalid(m.name("variants") + "[" + i + "].sum", "a binomial metric counts conversions:"
                            + " 'sum' must lie within 0..n and equal 'sumSquares'");
                }
            }
            metrics.add(new ExperimentData.Metric(m.string("name"), type,
                    m.choice("role", ExperimentData.Role.class, ExperimentData.Role.PRIMARY), m.bool("higherIsBetter", true), per));
        }
        if (metrics.isEmpty()) {
            throw WaymarkException.missing(r.name("metrics"));
        }
        return new ExperimentData(variants, weights, null, metrics, settings);
    }

    private static double number(SpecReader r, String field, boolean required) {
        JsonNode v = r.node().get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw WaymarkException.missing(r.name(field));
            }
            return 0;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw WaymarkException.invalid(r.name(field), "'" + r.name(field) + "' must be a finite number");
        }
        return v.asDouble();
    }
}

package io.waymark.core.kernel;

import io.waymark.core.experiment.Experiment;
import io.waymark.core.experiment.Metric;
import io.waymark.core.query.FieldPath;
import io.waymark.core.query.FunnelSpec;
import io.waymark.core.query.Scope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Per-variant summary statistics of an experiment's metrics. A person's variant is the one of their first
 * {@code $experiment_exposure} event of the experiment; persons exposed to two variants (e.g. two devices before
 * they were merged) are counted as {@code mixed} and left out, as experimentation engines do. Each metric is measured
 * from that first exposure on (see {@link Metric}) and the same metric over the window before exposure is the CUPED
 * covariate (Deng, Xu, Kohavi & Walker 2013). Sums merge across partitions.
 */
final class ExperimentKernel implements PersonKernel<ExperimentKernel.Acc, ExperimentKernel.Acc> {
    static final String EXPOSURE = "$experiment_exposure";
    static final FieldPath EXPERIMENT = FieldPath.parse("properties.experiment", "experiment");
    static final FieldPath VARIANT = FieldPath.parse("properties.variant", "variant");

    private final Experiment experiment;
    private final List<Metric> metrics;
    private final EventColumns columns;
    private final int exposureCode;
    private final StringColumn experimentColumn;
    private final StringColumn variantColumn;
    private final boolean[] isThisExperiment;
    /** Variant index per dictionary code of properties.variant (-1: not a variant of this experiment). */
    private final int[] variantOf;
    private final MetricMeter[] meters;

    ExperimentKernel(Experiment experiment, EventColumns columns) {
        this.experiment = experiment;
        this.columns = columns;
        this.metrics = new ArrayList<>();
        metrics.add(experiment.metric());
        metrics.addAll(experiment.guardrails());
        this.exposureCode = columns.eventCode(EXPOSURE);
        this.experimentColumn = columns.field(EXPERIMENT);
        this.variantColumn = columns.field(VARIANT);
        this.isThisExperiment = experimentColumn.matching(experiment.key()::equals);
        this.variantOf = new int[variantColumn.distinct()];
        List<String> keys = experiment.variants().stream().map(v -> v.key()).toList();
        for (int code = 0; code < variantOf.length; code++) {
            variantOf[code] = keys.indexOf(variantColumn.valueOf(code));
        }
        this.meters = metrics.stream().map(m -> new MetricMeter(m, columns)).toArray(MetricMeter[]::new);
    }

    /** The event fields the kernel reads. */
    static Set<FieldPath> fields(Experiment e) {
        Set<FieldPath> out = new HashSet<>(Set.of(EXPERIMENT, VARIANT));
        List<Metric> all = new ArrayList<>(e.guardrails());
        all.add(e.metric());
        for (Metric m : all) {
            m.where().forEach(f -> out.add(f.field()));
            m.steps().forEach(s -> s.where().forEach(f -> out.add(f.field())));
            if (m.property() != null) {
                out.add(m.property());
            }
        }
        return out;
    }

    /** Power sums per metric and variant ([metric][variant][6]: n, Σy, Σy², Σx, Σx², Σxy) and the exclusions. */
    static final class Acc {
        final double[][][] sums;
        long mixed;
        long unknownVariant;
        final FunnelMatcher[] matchers;
        final PersonEvents scratch;

        Acc(int metrics, int variants, FunnelMatcher[] matchers, PersonEvents scratch) {
            sums = new double[metrics][variants][6];
            this.matchers = matchers;
            this.scratch = scratch;
        }

        long n(int variant) {
            return (long) sums[0][variant][0];
        }
    }

    @Override
    public Acc newAccumulator() {
        FunnelMatcher[] matchers = new FunnelMatcher[meters.length];
        for (int i = 0; i < meters.length; i++) {
            matchers[i] = meters[i].funnel == null ? null : meters[i].funnel.newMatcher();
        }
        return new Acc(meters.length, experiment.variants().size(), matchers, new PersonEvents(columns));
    }

    @Override
    public void person(Acc acc, PersonEvents events) {
        if (exposureCode < 0) {
            return;
        }
        int first = -1;
        int variant = -1;
        for (int i = 0; i < events.size(); i++) {
            int row = events.row(i);
            if (events.event(i) != exposureCode) {
                continue;
            }
            int e = experimentColumn.code(row);
            if (e == StringColumn.MISSING || !isThisExperiment[e]) {
                continue;
            }
            int code = variantColumn.code(row);
            int v = code == StringColumn.MISSING ? -1 : variantOf[code];
            if (first < 0) {
                first = i;
                variant = v;
            } else if (v != variant) {
                acc.mixed++;
                return;
            }
        }
        if (first < 0) {
            return;
        }
        if (variant < 0) {
            acc.unknownVariant++;
            return;
        }
        long t0 = events.micros(first);
        for (int m = 0; m < meters.length; m++) {
            MetricMeter meter = meters[m];
            double y = meter.value(events, t0 + meter.afterMicros, t0 + meter.afterMicros + meter.windowMicros, acc.matchers[m], acc.scratch);
            double x = meter.value(events, t0 - meter.windowMicros, t0, acc.matchers[m], acc.scratch);
            double[] s = acc.sums[m][variant];
            s[0]++;
            s[1] += y;
            s[2] += y * y;
            s[3] += x;
            s[4] += x * x;
            s[5] += x * y;
        }
    }

    @Override
    public void merge(Acc into, Acc later) {
        for (int m = 0; m < into.sums.length; m++) {
            for (int v = 0; v < into.sums[m].length; v++) {
                for (int k = 0; k < 6; k++) {
                    into.sums[m][v][k] += later.sums[m][v][k];
                }
            }
        }
        into.mixed += later.mixed;
        into.unknownVariant += later.unknownVariant;
    }

    @Override
    public Acc finish(Acc acc) {
        return acc;
    }

    List<Metric> metrics() {
        return metrics;
    }

    /** One metric's value for a person over a time interval [from, to). */
    private static final class MetricMeter {
        final Metric metric;
        final int code;
        final RowCondition where;
        final StringColumn property;
        final FunnelKernel funnel;
        final long afterMicros;
        final long windowMicros;
        final EventColumns columns;

        MetricMeter(Metric metric, EventColumns columns) {
            this.metric = metric;
            this.columns = columns;
            this.code = metric.event() == null ? -1 : columns.eventCode(metric.event());
            this.where = RowCondition.compile(metric.where(), columns);
            this.property = metric.property() == null ? null : columns.field(metric.property());
            this.funnel = metric.type() == Metric.Type.FUNNEL
                    ? new FunnelKernel(new FunnelSpec(Scope.ALL, metric.steps(), metric.window(), FunnelSpec.Mode.ORDERED, null, null, 1), columns)
                    : null;
            this.afterMicros = metric.after().getSeconds() * 1_000_000L;
            this.windowMicros = metric.window().getSeconds() * 1_000_000L;
        }

        double value(PersonEvents events, long from, long to, FunnelMatcher matcher, PersonEvents scratch) {
            if (funnel != null) {
                scratch.reset(events.person());
                for (int i = 0; i < events.size(); i++) {
                    long t = events.micros(i);
                    if (t >= from && t < to) {
                        scratch.add(events.row(i));
                    }
                }
                return scratch.size() > 0 && matcher.match(scratch) == metric.steps().size() ? 1 : 0;
            }
            double total = 0;
            for (int i = 0; i < events.size(); i++) {
                long t = events.micros(i);
                if (t < from || t >= to || events.event(i) != code || !where.test(events.row(i))) {
                    continue;
                }
                switch (metric.type()) {
                    case CONVERSION, RETENTION -> {
                        return 1;
                    }
                    case COUNT -> total++;
                    case REVENUE -> {
                        double r = events.revenue(i);
                        total += Double.isNaN(r) ? 0 : r;
                    }
                    default -> {
                        double v = property.number(events.row(i));
                        total += Double.isNaN(v) ? 0 : v;
                    }
                }
            }
            return total;
        }
    }
}

package io.waymark.core.kernel;

import io.waymark.core.survey.SurveyType;
import io.waymark.core.error.WaymarkException;
import io.waymark.core.query.Period;
import io.waymark.core.query.SpecReader;
import io.waymark.core.query.SurveysSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Turns the merged per-survey tallies of {@link SurveysKernel} into a {@link SurveysResult}. */
final class SurveysResultBuilder {
    static final String OTHER = "$other";
    private static final int MAX_PERIODS = 5000;

    private final SurveysSpec spec;
    private final StringColumn comment;

    SurveysResultBuilder(SurveysSpec spec, StringColumn comment) {
        this.spec = spec;
        this.comment = comment;
    }

    SurveysResult build(Collection<SurveysKernel.PerSurvey> tallies) {
        List<SurveysKernel.PerSurvey> sorted = new ArrayList<>(tallies);
        sorted.sort(Comparator.<SurveysKernel.PerSurvey>comparingLong(s -> -s.total.responses)
                .thenComparing(s -> s.id).thenComparing(s -> s.type, Comparator.nullsFirst(Comparator.naturalOrder())));
        long[] span = periods(sorted);
        List<SurveysResult.Survey> surveys = new ArrayList<>();
        for (SurveysKernel.PerSurvey s : sorted) {
            surveys.add(survey(s, span));
        }
        return new SurveysResult(SpecReader.wire(spec.interval()), surveys);
    }

    private SurveysResult.Survey survey(SurveysKernel.PerSurvey s, long[] span) {
        SurveyTally t = s.total;
        SurveyType kind = s.kind;
        List<SurveysResult.Comment> negative = new ArrayList<>();
        for (SurveysKernel.Negative n : s.negative) {
            negative.add(new SurveysResult.Comment(n.personId(), instant(n.micros()), comment.value(n.row()), n.sentiment(),
                    Double.isNaN(n.score()) ? null : n.score()));
        }
        List<SurveysResult.Point> trend = new ArrayList<>();
        Period interval = spec.interval();
        for (long p = span[0]; p <= span[1]; p++) {
            trend.add(point(interval.start(p).toString(), s.byPeriod.getOrDefault(p, new SurveyTally()), kind));
        }
        return new SurveysResult.Survey(s.id, s.type, t.responses, s.respondents, t.scored, t.meanScore(),
                kind == SurveyType.NPS ? new SurveysResult.Nps(t.promoters, t.passives, t.detractors, t.nps()) : null,
                kind == SurveyType.CSAT ? new SurveysResult.Csat(t.satisfied, t.csat()) : null,
                kind == SurveyType.CES ? t.meanScore() : null,
                new SurveysResult.Comments(t.comments, t.positive, t.neutral, t.negative, t.meanSentiment()),
                negative, trend, spec.breakdown() == null ? null : breakdown(s));
    }

    /** The top values by answers (ties by value), the rest summed as {@code $other}. */
    private List<SurveysResult.Point> breakdown(SurveysKernel.PerSurvey s) {
        List<Map.Entry<String, SurveyTally>> values = new ArrayList<>(s.byValue.entrySet());
        values.sort(Comparator.<Map.Entry<String, SurveyTally>>comparingLong(e -> -e.getValue().responses)
                .thenComparing(Map.Entry::getKey));
        List<SurveysResult.Point> out = new ArrayList<>();
        SurveyTally other = null;
        for (int i = 0; i < values.size(); i++) {
            if (i < spec.top()) {
                out.add(point(values.get(i).getKey(), values.get(i).getValue(), s.kind));
            } else {
                other = other == null ? new SurveyTally() : other;
                other.merge(values.get(i).getValue());
            }
        }
        if (other != null) {
            out.add(point(OTHER, other, s.kind));
        }
        return out;
    }

    private static SurveysResult.Point point(String key, SurveyTally t, SurveyType kind) {
        return new SurveysResult.Point(key, t.responses, t.headline(kind), t.comments, t.meanSentiment());
    }

    /** The first and last period index: the spec's from/to when given, else the first and last answer's. */
    private long[] periods(List<SurveysKernel.PerSurvey> surveys) {
        Period interval = spec.interval();
        LocalCalendar cal = new LocalCalendar(spec.scope().timezone());
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (SurveysKernel.PerSurvey s : surveys) {
            for (long p : s.byPeriod.keySet()) {
                min = Math.min(min, p);
                max = Math.max(max, p);
            }
        }
        var range = spec.scope().range();
        long first = range.from() != null ? interval.index(cal.epochDay(KernelRunner.micros(range.from()))) : min;
        long last = range.to() != null ? interval.index(cal.epochDay(KernelRunner.micros(range.to()) - 1)) : max;
        if (first <= last && last - first >= MAX_PERIODS) {
            throw WaymarkException.invalid("interval", "the range spans more than " + MAX_PERIODS + " "
                    + SpecReader.wire(interval) + "s; use a longer interval or a shorter from/to");
        }
        return new long[] {first, last};
    }

    private static String instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000).toString();
    }
}

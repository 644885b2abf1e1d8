package io.waymark.core.kernel;

import io.waymark.core.survey.SurveyType;
import io.waymark.core.query.FeedbackFields;
import io.waymark.core.query.SurveysSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Folds survey answers per survey (see {@link SurveysSpec}); {@link SurveysResultBuilder} turns them into the result. */
final class SurveysKernel implements PersonKernel<SurveysKernel.Acc, SurveysResult> {
    static final String NONE = "$none";

    private final SurveysSpec spec;
    private final int surveyCode;
    private final StringColumn type;
    private final StringColumn id;
    private final StringColumn score;
    private final StringColumn comment;
    private final StringColumn breakdown;

    SurveysKernel(SurveysSpec spec, EventColumns columns) {
        this.spec = spec;
        this.surveyCode = columns.eventCode(FeedbackFields.SURVEY_EVENT);
        boolean any = surveyCode >= 0;
        this.type = any ? columns.field(FeedbackFields.SURVEY) : null;
        this.id = any ? columns.field(FeedbackFields.SURVEY_ID) : null;
        this.score = any ? columns.field(FeedbackFields.SCORE) : null;
        this.comment = any ? columns.field(FeedbackFields.COMMENT) : null;
        this.breakdown = any && spec.breakdown() != null ? columns.field(spec.breakdown()) : null;
    }

    /** One survey's tallies: overall, per period index, per breakdown value, and its most negative comments so far. */
    static final class PerSurvey {
        final String id;
        final String type;
        final SurveyType kind;
        final SurveyTally total = new SurveyTally();
        final Map<Long, SurveyTally> byPeriod = new HashMap<>();
        final Map<String, SurveyTally> byValue = new HashMap<>();
        long respondents;
        List<Negative> negative = new ArrayList<>();

        PerSurvey(String id, String type) {
            this.id = id;
            this.type = type;
            this.kind = SurveyType.of(type);
        }
    }

    /** A negative comment; ordered most negative first, then by time, person and row, so the top N is the same however persons are split. */
    record Negative(double sentiment, long micros, String personId, int row, double score) {
        static final Comparator<Negative> ORDER = Comparator.comparingDouble(Negative::sentiment)
                .thenComparingLong(Negative::micros).thenComparing(Negative::personId).thenComparingInt(Negative::row);
    }

    static final class Acc {
        final Map<String, PerSurvey> surveys = new HashMap<>();
        final LocalCalendar calendar;
        final Set<PerSurvey> answered = new HashSet<>();

        Acc(LocalCalendar calendar) {
            this.calendar = calendar;
        }
    }

    @Override
    public Acc newAccumulator() {
        return new Acc(new LocalCalendar(spec.scope().timezone()));
    }

    @Override
    public void person(Acc acc, PersonEvents events) {
        if (surveyCode < 0) {
            return;
        }
        acc.answered.clear();
        for (int i = 0; i < events.size(); i++) {
            if (events.event(i) != surveyCode) {
                continue;
            }
            int row = events.row(i);
            String t = type(row);
            String surveyId = id.value(row) != null ? id.value(row) : t != null ? t : NONE;
            PerSurvey s = acc.surveys.computeIfAbsent(surveyId + '\u0000' + t, k -> new PerSurvey(surveyId, t));
            double v = s.kind.accept(score.number(row));
            double sentiment = comment.sentiment(row);
            s.total.add(s.kind, v, sentiment);
            long period = spec.interval().index(acc.calendar.epochDay(events.micros(i)));
            s.byPeriod.computeIfAbsent(period, k -> new SurveyTally()).add(s.kind, v, sentiment);
            if (breakdown != null) {
                String value = breakdown.value(row);
                s.byValue.computeIfAbsent(value == null ? NONE : value, k -> new SurveyTally()).add(s.kind, v, sentiment);
            }
            if (acc.answered.add(s)) {
                s.respondents++;
            }
            if (spec.negative() > 0 && sentiment <= -io.waymark.core.sentiment.Sentiment.THRESHOLD) {
                s.negative.add(new Negative(sentiment, events.micros(i), events.personId(), row, v));
                if (s.negative.size() > 4 * spec.negative()) {
                    trim(s);
                }
            }
        }
    }

    private String type(int row) {
        String t = type.value(row);
        return t == null ? null : t.trim().toLowerCase(Locale.ROOT);
    }

    private void trim(PerSurvey s) {
        s.negative.sort(Negative.ORDER);
        if (s.negative.size() > spec.negative()) {
            s.negative = new ArrayList<>(s.negative.subList(0, spec.negative()));
        }
    }

    @Override
    public void merge(Acc into, Acc later) {
        later.surveys.forEach((key, s) -> {
            PerSurvey t = into.surveys.putIfAbsent(key, s);
            if (t == null) {
                return;
            }
            t.total.merge(s.total);
            s.byPeriod.forEach((p, tally) -> t.byPeriod.computeIfAbsent(p, k -> new SurveyTally()).merge(tally));
            s.byValue.forEach((v, tally) -> t.byValue.computeIfAbsent(v, k -> new SurveyTally()).merge(tally));
            t.respondents += s.respondents;
            t.negative.addAll(s.negative);
            trim(t);
        });
    }

    @Override
    public SurveysResult finish(Acc acc) {
        acc.surveys.values().forEach(this::trim);
        return new SurveysResultBuilder(spec, comment).build(acc.surveys.values());
    }
}

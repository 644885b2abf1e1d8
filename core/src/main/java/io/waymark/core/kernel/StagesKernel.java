package io.waymark.core.kernel;

import io.waymark.core.event.Channel;
import io.waymark.core.query.FeedbackFields;
import io.waymark.core.query.StageRules;
import io.waymark.core.query.StagesSpec;
import java.util.Arrays;
import java.util.Locale;

/**
 * The journey map. Each person's in-scope events are walked in time order (ties by messageId). An
 * event may match several stages (a purchase from an ad click matches awareness and purchase); it
 * enters, in rule order and at its time, every matched stage later than the person's current one,
 * so afterwards the person stands in the furthest stage the event matched. Journeys only move
 * forward: an event of an earlier stage (a product view after a purchase) is a touchpoint of that
 * stage but does not move the person back, since repeat visits to earlier stages are common and
 * would otherwise erase progress. Touchpoints go to the furthest stage an event matches, or to the
 * person's current stage when it matches none (an email open while in post-purchase); events
 * before the first stage count nowhere. Feedback scores the stage the person stands in after it
 * (see {@link #emotion}).
 */
final class StagesKernel implements PersonKernel<StagesKernel.Acc, StagesResult> {
    static final String SURVEY_EVENT = FeedbackFields.SURVEY_EVENT;
    private static final int CHANNELS = Channel.values().length;
    private static final byte NONE = 0;
    private static final byte NPS = 1;
    private static final byte CSAT = 2;

    private final StageRules rules;
    private final EventColumns columns;
    private final StageMatcher matcher;
    private final int stages;
    private final int keys;
    private final int surveyCode;
    private final StringColumn survey;
    private final StringColumn score;
    /** The scale of each distinct {@code properties.survey} value. */
    private final byte[] scaleOf;
    private final FeedbackTexts texts;

    StagesKernel(StagesSpec spec, EventColumns columns) {
        this.rules = spec.rules() == null ? DefaultStageRules.get() : spec.rules();
        this.columns = columns;
        this.matcher = new StageMatcher(rules, columns);
        this.stages = matcher.stages();
        this.keys = columns.eventKeys();
        this.surveyCode = columns.eventCode(SURVEY_EVENT);
        this.survey = surveyCode < 0 ? null : columns.field(StagesSpec.SURVEY);
        this.score = surveyCode < 0 ? null : columns.field(StagesSpec.SCORE);
        this.scaleOf = survey == null ? new byte[0] : scales(survey);
        this.texts = new FeedbackTexts(columns);
    }

    /** Partition totals and per-person scratch; counts are per stage s at [s], or [s * width + x]. */
    static final class Acc {
        long persons;
        final long[] reached;
        final long[] current;
        final long[] reachedWithNext;
        final long[] transitions;
        final LongList[] durations;
        final long[] byChannel;
        final int[] byEvent;
        final double[] npsSum;
        final double[] csatSum;
        final long[] answers;
        final double[] textSum;
        final long[] texts;
        final double[] emotionSum;
        final long[] samples;
        final int[] counters;
        final long[] enteredAt;
        final boolean[] reachedNow;

        Acc(int stages, int keys, int conditions) {
            reached = new long[stages];
            current = new long[stages];
            reachedWithNext = new long[stages];
            transitions = new long[stages * stages];
            durations = new LongList[stages];
            for (int s = 0; s < stages; s++) {
                durations[s] = new LongList();
            }
            byChannel = new long[stages * CHANNELS];
            byEvent = new int[stages * keys];
            npsSum = new double[stages];
            csatSum = new double[stages];
            answers = new long[stages];
            textSum = new double[stages];
            texts = new long[stages];
            emotionSum = new double[stages];
            samples = new long[stages];
            counters = new int[conditions];
            enteredAt = new long[stages];
            reachedNow = new boolean[stages];
        }
    }

    @Override
    public Acc newAccumulator() {
        return new Acc(stages, keys, matcher.conditions());
    }

    @Override
    public void person(Acc acc, PersonEvents events) {
        Arrays.fill(acc.counters, 0);
        Arrays.fill(acc.reachedNow, false);
        int current = -1;
        for (int i = 0; i < events.size(); i++) {
            long matched = matcher.match(events, i, acc.counters);
            int furthest = 63 - Long.numberOfLeadingZeros(matched);
            for (long later = matched & (-1L << (current + 1)); later != 0; later &= later - 1) {
                current = enter(acc, current, Long.numberOfTrailingZeros(later), events.micros(i));
            }
            int touched = matched == 0 ? current : furthest;
            if (touched >= 0) {
                int row = events.row(i);
                acc.byChannel[touched * CHANNELS + events.columns().channelOrdinal(row)]++;
                acc.byEvent[touched * keys + events.event(i)]++;
                if (current >= 0) {
                    emotion(acc, current, row, events.event(i));
                }
            }
        }
        acc.persons++;
        if (current >= 0) {
            acc.current[current]++;
        }
        for (int s = 0; s + 1 < stages; s++) {
            if (acc.reachedNow[s] && acc.reachedNow[s + 1]) {
                acc.reachedWithNext[s]++;
            }
        }
    }

    /** Moves the person from {@code from} (-1 for none) into {@code to} at {@code micros}; returns {@code to}. */
    private int enter(Acc acc, int from, int to, long micros) {
        if (from >= 0) {
            acc.transitions[from * stages + to]++;
            acc.durations[from].add(micros - acc.enteredAt[from]);
        }
        acc.enteredAt[to] = micros;
        acc.reachedNow[to] = true;
        acc.reached[to]++;
        return to;
    }

    /**
     * One feedback event is one emotion sample of the stage, worth the mean of the signals it carries,
     * each on -1..1: a survey answer's score normalised around the scale's midpoint (NPS 0..10 as
     * (score - 5) / 5, CSAT 1..5 as (score - 3) / 2: the scales of the NPS question, Reichheld 2003,
     * and of the 5-point CSAT question) and the VADER compound of its comment (a survey answer, review
     * or support ticket; {@link FeedbackTexts}). An NPS 2 with "Delivery was late, terrible
     * communication" (compound -0.48) is one sample of (-0.6 - 0.48) / 2. Averaging within the event keeps an answer with
     * a comment from counting twice against one without. The survey scores and the comment sentiments
     * are also kept apart: sums of (score - midpoint) per scale are divided once at the end, so
     * integer scores sum exactly.
     */
    private void emotion(Acc acc, int stage, int row, int event) {
        double signals = 0;
        int count = 0;
        if (event == surveyCode) {
            int code = survey.code(row);
            byte scale = code == StringColumn.MISSING ? NONE : scaleOf[code];
            double v = score.number(row);
            if (scale == NPS && v >= 0 && v <= 10) {
                acc.npsSum[stage] += v - 5;
                acc.answers[stage]++;
                signals += (v - 5) / 5;
                count++;
            } else if (scale == CSAT && v >= 1 && v <= 5) {
                acc.csatSum[stage] += v - 3;
                acc.answers[stage]++;
                signals += (v - 3) / 2;
                count++;
            }
        }
        double sentiment = texts.sentiment(row, event);
        if (!Double.isNaN(sentiment)) {
            acc.textSum[stage] += sentiment;
            acc.texts[stage]++;
            signals += sentiment;
            count++;
        }
        if (count > 0) {
            acc.emotionSum[stage] += signals / count;
            acc.samples[stage]++;
        }
    }

    @Override
    public void merge(Acc into, Acc later) {
        into.persons += later.persons;
        Sums.add(into.reached, later.reached);
        Sums.add(into.current, later.current);
        Sums.add(into.reachedWithNext, later.reachedWithNext);
        Sums.add(into.transitions, later.transitions);
        Sums.add(into.byChannel, later.byChannel);
        Sums.add(into.npsSum, later.npsSum);
        Sums.add(into.csatSum, later.csatSum);
        Sums.add(into.answers, later.answers);
        Sums.add(into.textSum, later.textSum);
        Sums.add(into.texts, later.texts);
        Sums.add(into.emotionSum, later.emotionSum);
        Sums.add(into.samples, later.samples);
        Sums.add(into.byEvent, later.byEvent);
        for (int s = 0; s < stages; s++) {
            into.durations[s].addAll(later.durations[s]);
        }
    }

    @Override
    public StagesResult finish(Acc acc) {
        return new StagesResultBuilder(rules.names(), acc, keys, columns::eventKey).build();
    }

    private static byte[] scales(StringColumn survey) {
        byte[] out = new byte[survey.distinct()];
        for (int c = 0; c < out.length; c++) {
            String v = survey.valueOf(c).trim().toLowerCase(Locale.ROOT);
            out[c] = v.equals("nps") ? NPS : v.equals("csat") ? CSAT : NONE;
        }
        return out;
    }
}

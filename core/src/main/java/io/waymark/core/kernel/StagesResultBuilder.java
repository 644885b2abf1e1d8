package io.waymark.core.kernel;

import io.waymark.core.event.Channel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** Turns the merged {@link StagesKernel.Acc} into a {@link StagesResult}. */
final class StagesResultBuilder {
    static final int TOP_EVENTS = 10;
    private static final double MICROS_PER_DAY = 86_400_000_000.0;
    private static final Channel[] CHANNELS = Channel.values();

    private final List<String> names;
    private final StagesKernel.Acc acc;
    private final int keys;
    private final IntFunction<String> eventKey;

    StagesResultBuilder(List<String> names, StagesKernel.Acc acc, int keys, IntFunction<String> eventKey) {
        this.names = names;
        this.acc = acc;
        this.keys = keys;
        this.eventKey = eventKey;
    }

    StagesResult build() {
        int n = names.size();
        List<StagesResult.Stage> stages = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            Double conversion = s + 1 < n && acc.reached[s] > 0 ? (double) acc.reachedWithNext[s] / acc.reached[s] : null;
            stages.add(new StagesResult.Stage(names.get(s), acc.reached[s], acc.current[s], conversion,
                    medianDays(acc.durations[s]), touchpoints(s), emotion(s)));
        }
        List<StagesResult.Transition> transitions = new ArrayList<>();
        for (int from = 0; from < n; from++) {
            for (int to = 0; to < n; to++) {
                long persons = acc.transitions[from * n + to];
                if (persons > 0) {
                    transitions.add(new StagesResult.Transition(names.get(from), names.get(to), persons));
                }
            }
        }
        return new StagesResult(acc.persons, stages, transitions);
    }

    /** The median days in a stage; see {@link LongList#median()}. */
    private static Double medianDays(LongList durations) {
        Double micros = durations.median();
        return micros == null ? null : micros / MICROS_PER_DAY;
    }

    private StagesResult.Touchpoints touchpoints(int s) {
        long total = 0;
        Map<String, Long> byChannel = new LinkedHashMap<>();
        Integer[] channels = new Integer[CHANNELS.length];
        for (int c = 0; c < channels.length; c++) {
            channels[c] = c;
            total += acc.byChannel[s * CHANNELS.length + c];
        }
        Arrays.sort(channels, Comparator.<Integer>comparingLong(c -> -acc.byChannel[s * CHANNELS.length + c])
                .thenComparing(c -> CHANNELS[c].wireName()));
        for (int c : channels) {
            long count = acc.byChannel[s * CHANNELS.length + c];
            if (count > 0) {
                byChannel.put(CHANNELS[c].wireName(), count);
            }
        }
        List<Integer> codes = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            if (acc.byEvent[s * keys + k] > 0) {
                codes.add(k);
            }
        }
        codes.sort(Comparator.<Integer>comparingInt(k -> -acc.byEvent[s * keys + k]).thenComparing(eventKey::apply));
        List<StagesResult.EventCount> byEvent = new ArrayList<>();
        for (int k : codes.subList(0, Math.min(TOP_EVENTS, codes.size()))) {
            byEvent.add(new StagesResult.EventCount(eventKey.apply(k), acc.byEvent[s * keys + k]));
        }
        return new StagesResult.Touchpoints(total, byChannel, byEvent);
    }

    private StagesResult.Emotion emotion(int s) {
        long samples = acc.samples[s];
        long answers = acc.answers[s];
        long texts = acc.texts[s];
        return new StagesResult.Emotion(samples == 0 ? null : acc.emotionSum[s] / samples, samples,
                answers == 0 ? null : (acc.npsSum[s] / 5 + acc.csatSum[s] / 2) / answers, answers,
                texts == 0 ? null : acc.textSum[s] / texts, texts);
    }
}

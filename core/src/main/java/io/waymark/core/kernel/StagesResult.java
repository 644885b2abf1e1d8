package io.waymark.core.kernel;

import java.util.List;
import java.util.Map;

/**
 * The journey map: {@code persons} in scope, one entry per stage in rule order, and the stage
 * moves persons made ({@code from} → {@code to}, skipped stages allowed), in rule order of from, then to.
 */
public record StagesResult(long persons, List<Stage> stages, List<Transition> transitions) {
    /**
     * @param persons persons who ever reached the stage
     * @param current persons whose furthest stage it is
     * @param conversionToNext of the persons who reached this stage, the share who also reached the next one (null for the last stage or no persons)
     * @param medianDaysInStage median days from entering this stage to entering the next stage reached, over persons who moved on (null when none did)
     */
    public record Stage(String name, long persons, long current, Double conversionToNext, Double medianDaysInStage,
            Touchpoints touchpoints, Emotion emotion) {
    }

    /** Events counted in the stage: by channel (all channels seen) and by event key (the top 10). */
    public record Touchpoints(long events, Map<String, Long> byChannel, List<EventCount> byEvent) {
    }

    public record EventCount(String event, long events) {
    }

    /**
     * The stage's emotion on -1..1 (null without samples): the mean over feedback events of each event's
     * mean signal (see {@code StagesKernel.emotion}); {@code survey} is the mean normalised survey score
     * over {@code answers} answers and {@code sentiment} the mean VADER compound over {@code texts}
     * comments, each null without any.
     */
    public record Emotion(Double score, long samples, Double survey, long answers, Double sentiment, long texts) {
    }

    public record Transition(String from, String to, long persons) {
    }
}

package io.waymark.core.journey;

import io.waymark.core.experiment.Assignment;

/**
 * Which arm of a split a person takes: the same FNV-1a bucket as experiment assignment ({@link Assignment}), seeded with
 * the experiment key when the split names one (so the journey's arms are that experiment's variants) or else with the
 * journey key and step id. Deterministic, so a retried tick or a restart sends the person down the same arm.
 */
public final class SplitAssignment {
    private SplitAssignment() {
    }

    public static Step.Arm arm(String journeyKey, Step.Split split, String personId) {
        String seed = split.experiment() != null ? split.experiment() : journeyKey + "/" + split.id();
        double total = split.arms().stream().mapToDouble(Step.Arm::weight).sum();
        double at = Assignment.bucket(seed, personId) * total;
        double edge = 0;
        for (Step.Arm a : split.arms()) {
            edge += a.weight();
            if (at < edge) {
                return a;
            }
        }
        return split.arms().get(split.arms().size() - 1);
    }
}

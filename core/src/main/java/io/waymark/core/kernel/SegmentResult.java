package io.waymark.core.kernel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A segment's size as of an instant: members, all persons known by then, the members' share, and a sample of
 * members (the first by person id, which is a hash, so the sample has no bias towards early or late persons).
 */
public record SegmentResult(long members, long persons, double share, Instant asOf, List<String> sample) {
    public SegmentResult {
        sample = List.copyOf(sample);
    }

    static SegmentResult of(PersonSet set, PersonFacts facts, EventColumns columns, Instant asOf, int sampleSize) {
        long known = 0;
        for (int p = 0; p < columns.persons(); p++) {
            known += facts.seen(p) ? 1 : 0;
        }
        List<String> sample = new ArrayList<>();
        for (int p = 0; p < columns.persons() && sample.size() < sampleSize; p++) {
            if (set.contains(p)) {
                sample.add(columns.personId(p));
            }
        }
        return new SegmentResult(set.size(), known, known == 0 ? 0 : (double) set.size() / known, asOf, sample);
    }
}

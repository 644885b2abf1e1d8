package io.waymark.core.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The event keys of a person's first visit (see {@link Visits}), consecutive repeats collapsed as in {@link PathsKernel},
 * at most {@link #STEPS} of them, packed into a long (16 bits per step, event code + 1, 0 = no step) so that a persona's
 * typical paths can be counted without building strings per person.
 */
final class FirstVisitPath {
    static final int STEPS = 4;
    static final String OTHER = "$other";
    private static final int MAX_CODE = 0xFFFF;

    private FirstVisitPath() {
    }

    /** @param start the visit of each event, as {@link Visits#starts} gives it; 0 when the person has no visit */
    static long of(PersonEvents events, int[] start) {
        long packed = 0;
        int steps = 0;
        int previous = -1;
        int first = -1;
        for (int i = 0; i < events.size() && steps < STEPS; i++) {
            if (start[i] < 0) {
                continue;
            }
            if (first < 0) {
                first = start[i];
            } else if (start[i] != first) {
                break;
            }
            int code = events.event(i);
            if (code != previous) {
                packed |= (long) Math.min(code + 1, MAX_CODE) << (16 * steps++);
                previous = code;
            }
        }
        return packed;
    }

    /** The event keys of a packed path ({@link #OTHER} for codes beyond 16 bits). */
    static List<String> keys(long packed, EventColumns columns) {
        List<String> out = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            int v = (int) (packed >>> (16 * s)) & MAX_CODE;
            if (v == 0) {
                break;
            }
            out.add(v == MAX_CODE ? OTHER : columns.eventKey(v - 1));
        }
        return out;
    }
}

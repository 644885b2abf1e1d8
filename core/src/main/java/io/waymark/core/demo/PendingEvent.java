package io.waymark.core.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A message waiting to be emitted. A person's story is written partly out of order (a purchase
 * schedules its delivery days ahead), so messages are sorted by time; {@code seq} keeps the
 * writing order for equal times, which keeps the sort deterministic.
 */
record PendingEvent(long time, int seq, ObjectNode message) implements Comparable<PendingEvent> {
    @Override
    public int compareTo(PendingEvent other) {
        int byTime = Long.compare(time, other.time);
        return byTime != 0 ? byTime : Integer.compare(seq, other.seq);
    }
}

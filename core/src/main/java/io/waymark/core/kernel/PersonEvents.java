package io.waymark.core.kernel;

import io.waymark.core.event.Channel;

/** One person's in-scope events in time order, as row indexes into the shared {@link EventColumns}. */
public final class PersonEvents {
    private final EventColumns columns;
    private int person;
    private int[] rows = new int[64];
    private int size;

    PersonEvents(EventColumns columns) {
        this.columns = columns;
    }

    void reset(int person) {
        this.person = person;
        this.size = 0;
    }

    void add(int row) {
        if (size == rows.length) {
            rows = java.util.Arrays.copyOf(rows, size * 2);
        }
        rows[size++] = row;
    }

    public EventColumns columns() {
        return columns;
    }

    public int person() {
        return person;
    }

    public String personId() {
        return columns.personId(person);
    }

    public int size() {
        return size;
    }

    /** The row in {@link #columns()} of the i-th event. */
    public int row(int i) {
        return rows[i];
    }

    public long micros(int i) {
        return columns.micros(rows[i]);
    }

    public int event(int i) {
        return columns.event(rows[i]);
    }

    public Channel channel(int i) {
        return columns.channel(rows[i]);
    }

    public double revenue(int i) {
        return columns.revenue(rows[i]);
    }
}

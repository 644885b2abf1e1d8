package io.waymark.core.kernel;

import io.waymark.core.event.Channel;
import io.waymark.core.event.EventType;
import io.waymark.core.query.FieldPath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Events in columns, sorted by person and then time: the rows of person {@code p} are
 * {@code personStart[p] .. personStart[p+1]-1}. Kernels scan these primitive arrays, which is what
 * makes a pass over millions of events take milliseconds. Engines build it (the embedded store
 * from DuckDB, tests from {@link io.waymark.core.event.Event}s); JSON fields other than the base
 * columns are loaded on first use through a {@link FieldLoader} and kept.
 */
public final class EventColumns {
    private static final EventType[] TYPES = EventType.values();
    private static final Channel[] CHANNELS = Channel.values();

    private final String[] personIds;
    private final int[] personStart;
    private final long[] micros;
    private final int[] event;
    private final String[] eventKeys;
    private final Map<String, Integer> eventCodes = new HashMap<>();
    private final byte[] type;
    private final byte[] channel;
    private final double[] revenue;
    private final FieldLoader loader;
    private final Map<FieldPath, StringColumn> fields = new ConcurrentHashMap<>();

    /**
     * @param personStart length persons + 1, ascending, last = rows
     * @param micros event time, epoch microseconds UTC, ascending within each person
     * @param event codes into {@code eventKeys} (see {@link EventKeys})
     * @param type {@link EventType} ordinals; {@code channel} {@link Channel} ordinals
     * @param revenue {@code properties.revenue}, NaN when absent
     */
    public EventColumns(String[] personIds, int[] personStart, long[] micros, int[] event, String[] eventKeys,
            byte[] type, byte[] channel, double[] revenue, FieldLoader loader) {
        int rows = micros.length;
        if (personStart.length != personIds.length + 1 || personStart[personIds.length] != rows
                || event.length != rows || type.length != rows || channel.length != rows || revenue.length != rows) {
            throw new IllegalArgumentException("column lengths disagree");
        }
        this.personIds = personIds;
        this.personStart = personStart;
        this.micros = micros;
        this.event = event;
        this.eventKeys = eventKeys;
        this.type = type;
        this.channel = channel;
        this.revenue = revenue;
        this.loader = loader;
        for (int i = 0; i < eventKeys.length; i++) {
            // kernels compare codes, so a key must have exactly one
            if (eventCodes.put(eventKeys[i], i) != null) {
                throw new IllegalArgumentException("event key '" + eventKeys[i] + "' has more than one code");
            }
        }
    }

    public int persons() {
        return personIds.length;
    }

    public int rows() {
        return micros.length;
    }

    public String personId(int person) {
        return personIds[person];
    }

    public int personStart(int person) {
        return personStart[person];
    }

    public int personEnd(int person) {
        return personStart[person + 1];
    }

    public long micros(int row) {
        return micros[row];
    }

    public int event(int row) {
        return event[row];
    }

    public String eventKey(int code) {
        return eventKeys[code];
    }

    public int eventKeys() {
        return eventKeys.length;
    }

    /** The code of an event key, or -1 when no event has it. */
    public int eventCode(String key) {
        Integer c = eventCodes.get(key);
        return c == null ? -1 : c;
    }

    public EventType type(int row) {
        return TYPES[type[row]];
    }

    public Channel channel(int row) {
        return CHANNELS[channel[row]];
    }

    public int channelOrdinal(int row) {
        return channel[row];
    }

    /** {@code properties.revenue} of a row, NaN when absent. */
    public double revenue(int row) {
        return revenue[row];
    }

    /** Any field as a dictionary-encoded column; JSON fields load on first use. */
    public StringColumn field(FieldPath path) {
        return fields.computeIfAbsent(path, this::build);
    }

    /** Loads the JSON fields among {@code paths} that are not loaded yet, in one pass. */
    public synchronized void prefetch(Collection<FieldPath> paths) {
        List<FieldPath> missing = new ArrayList<>();
        for (FieldPath p : paths) {
            if (p.isJson() && !fields.containsKey(p) && !missing.contains(p)) {
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            loader.load(missing).forEach((p, c) -> fields.put(p, checked(p, c)));
        }
    }

    private StringColumn build(FieldPath path) {
        return switch (path.root()) {
            case CHANNEL -> enumColumn(channel, CHANNELS.length, i -> CHANNELS[i].wireName());
            case TYPE -> enumColumn(type, TYPES.length, i -> TYPES[i].wireName());
            case EVENT -> new StringColumn(event, eventKeys);
            default -> checked(path, loader.load(List.of(path)).get(path));
        };
    }

    private StringColumn checked(FieldPath path, StringColumn c) {
        if (c == null || c.rows() != rows()) {
            throw new IllegalStateException("field " + path + " did not load " + rows() + " rows");
        }
        return c;
    }

    private static StringColumn enumColumn(byte[] ordinals, int n, java.util.function.IntFunction<String> name) {
        int[] codes = new int[ordinals.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = ordinals[i];
        }
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            values[i] = name.apply(i);
        }
        return new StringColumn(codes, values);
    }
}

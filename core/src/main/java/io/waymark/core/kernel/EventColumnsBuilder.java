package io.waymark.core.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import io.waymark.core.event.Event;
import io.waymark.core.query.FieldPath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds {@link EventColumns} from events in memory, sorted the way every engine sorts them:
 * by person, time, then messageId. Used by tests and by engines that hold events as objects.
 */
public final class EventColumnsBuilder {
    private EventColumnsBuilder() {
    }

    public static EventColumns of(List<Event> events, Function<Event, String> personOf) {
        List<Event> sorted = new ArrayList<>(events);
        Map<Event, String> person = new java.util.IdentityHashMap<>();
        for (Event e : sorted) {
            person.put(e, personOf.apply(e));
        }
        sorted.sort(Comparator.<Event, String>comparing(person::get).thenComparing(Event::timestamp).thenComparing(Event::messageId));
        int n = sorted.size();
        List<String> personIds = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        Map<String, Integer> keys = new LinkedHashMap<>();
        long[] micros = new long[n];
        int[] event = new int[n];
        byte[] type = new byte[n];
        byte[] channel = new byte[n];
        double[] revenue = new double[n];
        for (int i = 0; i < n; i++) {
            Event e = sorted.get(i);
            String p = person.get(e);
            if (personIds.isEmpty() || !personIds.get(personIds.size() - 1).equals(p)) {
                personIds.add(p);
                starts.add(i);
            }
            micros[i] = KernelRunner.micros(e.timestamp());
            event[i] = keys.computeIfAbsent(EventKeys.of(e.type(), e.name()), k -> keys.size());
            type[i] = (byte) e.type().ordinal();
            channel[i] = (byte) e.channel().ordinal();
            Double r = e.revenue();
            revenue[i] = r == null ? Double.NaN : r;
        }
        starts.add(n);
        return new EventColumns(personIds.toArray(String[]::new), starts.stream().mapToInt(Integer::intValue).toArray(),
                micros, event, keys.keySet().toArray(String[]::new), type, channel, revenue, paths -> {
                    Map<FieldPath, StringColumn> out = new LinkedHashMap<>();
                    paths.forEach(p -> out.put(p, load(sorted, p)));
                    return out;
                });
    }

    private static StringColumn load(List<Event> sorted, FieldPath path) {
        Map<String, Integer> dict = new LinkedHashMap<>();
        int[] codes = new int[sorted.size()];
        for (int i = 0; i < codes.length; i++) {
            String v = text(sorted.get(i), path);
            codes[i] = v == null ? StringColumn.MISSING : dict.computeIfAbsent(v, k -> dict.size());
        }
        return new StringColumn(codes, dict.keySet().toArray(String[]::new));
    }

    /** The text of a JSON field as the engines give it: scalars as text, objects and arrays as JSON. */
    static String text(Event e, FieldPath path) {
        JsonNode node = switch (path.root()) {
            case PROPERTIES -> e.properties();
            case CONTEXT -> e.context();
            case TRAITS -> e.traits();
            default -> throw new IllegalArgumentException("not a JSON field: " + path);
        };
        for (String key : path.keys()) {
            node = node == null ? null : node.get(key);
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}

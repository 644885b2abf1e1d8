package io.waymark.core.kernel;

import io.waymark.core.query.PathsSpec;
import io.waymark.core.query.PathsSpec.Direction;
import io.waymark.core.query.SpecReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Counts each person's path from their anchor outward (semantics in {@link PathsSpec}). Paths are kept in walk order,
 * anchor first, as event codes; {@code end} paths are reversed only for output. Per person the walk reads at most the
 * events up to {@code depth} distinct steps away and allocates one small array, for the map key.
 */
final class PathsKernel implements PersonKernel<PathsKernel.Acc, PathsResult> {
    private final PathsSpec spec;
    private final EventColumns columns;
    private final int anchorCode;
    /** By event code: left out of paths ($identify, $alias, $group). */
    private final boolean[] hidden;

    PathsKernel(PathsSpec spec, EventColumns columns) {
        this.spec = spec;
        this.columns = columns;
        this.anchorCode = columns.eventCode(spec.anchor());
        this.hidden = new boolean[columns.eventKeys()];
        for (int c = 0; c < hidden.length; c++) {
            hidden[c] = PathsSpec.HIDDEN.contains(columns.eventKey(c));
        }
    }

    /** A path in walk order (anchor first) as event codes. */
    record Walk(int[] codes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Walk w && Arrays.equals(codes, w.codes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(codes);
        }

        Walk prefix(int length) {
            return new Walk(Arrays.copyOf(codes, length));
        }
    }

    static final class Acc {
        final Map<Walk, long[]> persons = new HashMap<>();
        final int[] buffer;

        Acc(int depth) {
            buffer = new int[depth];
        }
    }

    @Override
    public Acc newAccumulator() {
        return new Acc(spec.depth());
    }

    @Override
    public void person(Acc acc, PersonEvents events) {
        if (anchorCode < 0) {
            return;
        }
        boolean forward = spec.direction() == Direction.START;
        int n = events.size();
        int at = -1;
        for (int k = 0; k < n; k++) {
            int i = forward ? k : n - 1 - k;
            if (events.event(i) == anchorCode) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            return;
        }
        int[] buf = acc.buffer;
        buf[0] = anchorCode;
        int len = 1;
        int step = forward ? 1 : -1;
        for (int i = at + step; i >= 0 && i < n && len < buf.length; i += step) {
            int code = events.event(i);
            if (!hidden[code] && code != buf[len - 1]) {
                buf[len++] = code;
            }
        }
        acc.persons.computeIfAbsent(new Walk(Arrays.copyOf(buf, len)), k -> new long[1])[0]++;
    }

    @Override
    public void merge(Acc into, Acc later) {
        later.persons.forEach((walk, n) -> into.persons.computeIfAbsent(walk, k -> new long[1])[0] += n[0]);
    }

    @Override
    public PathsResult finish(Acc acc) {
        List<Walk> ranked = new ArrayList<>(acc.persons.keySet());
        Comparator<Walk> byKeys = (a, b) -> compareKeys(sequence(a), sequence(b));
        ranked.sort(Comparator.<Walk>comparingLong(w -> -acc.persons.get(w)[0]).thenComparing(byKeys));
        List<PathsResult.Path> paths = new ArrayList<>();
        long other = 0;
        for (int i = 0; i < ranked.size(); i++) {
            long persons = acc.persons.get(ranked.get(i))[0];
            if (i < spec.top()) {
                paths.add(new PathsResult.Path(sequence(ranked.get(i)), persons));
            } else {
                other += persons;
            }
        }
        if (other > 0) {
            paths.add(new PathsResult.Path(List.of(TrendKernel.OTHER), other));
        }
        Sankey sankey = new Sankey(ranked.subList(0, Math.min(spec.top(), ranked.size())));
        acc.persons.forEach(sankey::add);
        return new PathsResult(spec.anchor(), SpecReader.wire(spec.direction()), spec.depth(), paths, sankey.nodes(), sankey.links());
    }

    /** Event keys in time order. */
    private List<String> sequence(Walk walk) {
        List<String> out = new ArrayList<>(walk.codes().length);
        for (int code : walk.codes()) {
            out.add(columns.eventKey(code));
        }
        if (spec.direction() == Direction.END) {
            Collections.reverse(out);
        }
        return out;
    }

    /** Key by key; a prefix sorts before the longer sequence. */
    static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** A Sankey node: one event key (or $other) at one step; ordered by step, then key. */
    private record NodeKey(int step, String name) implements Comparable<NodeKey> {
        @Override
        public int compareTo(NodeKey o) {
            return step != o.step ? Integer.compare(step, o.step) : name.compareTo(o.name);
        }
    }

    private record LinkKey(NodeKey source, NodeKey target) {
    }

    /** Nodes are (step, key); a walk keeps its keys while it is a prefix of a top walk, then continues as $other. */
    private final class Sankey {
        private final Set<Walk> topPrefixes = new HashSet<>();
        private final Map<LinkKey, long[]> links = new HashMap<>();
        private final TreeSet<NodeKey> nodes = new TreeSet<>();

        Sankey(List<Walk> top) {
            for (Walk w : top) {
                for (int len = 1; len <= w.codes().length; len++) {
                    topPrefixes.add(w.prefix(len));
                }
            }
        }

        void add(Walk walk, long[] persons) {
            boolean forward = spec.direction() == Direction.START;
            NodeKey previous = null;
            boolean inTop = true;
            for (int w = 0; w < walk.codes().length; w++) {
                inTop = inTop && topPrefixes.contains(walk.prefix(w + 1));
                NodeKey node = new NodeKey(forward ? w : spec.depth() - 1 - w,
                        inTop ? columns.eventKey(walk.codes()[w]) : TrendKernel.OTHER);
                nodes.add(node);
                if (previous != null) {
                    // Links point forward in time; an end-anchored walk runs backwards.
                    LinkKey key = forward ? new LinkKey(previous, node) : new LinkKey(node, previous);
                    links.computeIfAbsent(key, k -> new long[1])[0] += persons[0];
                }
                previous = node;
            }
        }

        List<PathsResult.Node> nodes() {
            List<PathsResult.Node> out = new ArrayList<>();
            for (NodeKey n : nodes) {
                out.add(new PathsResult.Node(out.size(), n.name(), n.step()));
            }
            return out;
        }

        List<PathsResult.Link> links() {
            Map<NodeKey, Integer> ids = new HashMap<>();
            for (NodeKey n : nodes) {
                ids.put(n, ids.size());
            }
            List<PathsResult.Link> out = new ArrayList<>();
            links.forEach((k, v) -> out.add(new PathsResult.Link(ids.get(k.source()), ids.get(k.target()), v[0])));
            out.sort(Comparator.comparingInt(PathsResult.Link::source).thenComparingInt(PathsResult.Link::target));
            return out;
        }
    }
}

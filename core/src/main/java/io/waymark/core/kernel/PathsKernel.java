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
import java.util.PriorityQueue;
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
    /** By event code: the rank of its key in string order, so paths compare without building strings. */
    private final int[] keyRank;

    PathsKernel(PathsSpec spec, EventColumns columns) {
        this.spec = spec;
        this.columns = columns;
        this.anchorCode = columns.eventCode(spec.anchor());
        this.hidden = new boolean[columns.eventKeys()];
        for (int c = 0; c < hidden.length; c++) {
            hidden[c] = PathsSpec.HIDDEN.contains(columns.eventKey(c));
        }
        Integer[] byKey = new Integer[columns.eventKeys()];
        for (int c = 0; c < byKey.length; c++) {
            byKey[c] = c;
        }
        Arrays.sort(byKey, Comparator.comparing(columns::eventKey));
        this.keyRank = new int[byKey.length];
        for (int r = 0; r < byKey.length; r++) {
            // Codes that share a key (see EventColumns) share the rank of the first.
            keyRank[byKey[r]] = r > 0 && columns.eventKey(byKey[r]).equals(columns.eventKey(byKey[r - 1])) ? keyRank[byKey[r - 1]] : r;
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
        // Only the top paths need an order: keep them in a bounded heap whose head is the weakest, O(n log top).
        Comparator<Map.Entry<Walk, long[]>> better = Comparator.<Map.Entry<Walk, long[]>>comparingLong(e -> -e.getValue()[0])
                .thenComparing((a, b) -> compareWalks(a.getKey(), b.getKey()));
        PriorityQueue<Map.Entry<Walk, long[]>> heap = new PriorityQueue<>(better.reversed());
        long all = 0;
        for (Map.Entry<Walk, long[]> e : acc.persons.entrySet()) {
            all += e.getValue()[0];
            heap.add(e);
            if (heap.size() > spec.top()) {
                heap.poll();
            }
        }
        List<Map.Entry<Walk, long[]>> top = new ArrayList<>(heap);
        top.sort(better);
        List<PathsResult.Path> paths = new ArrayList<>();
        List<Walk> topWalks = new ArrayList<>();
        for (Map.Entry<Walk, long[]> e : top) {
            paths.add(new PathsResult.Path(sequence(e.getKey()), e.getValue()[0]));
            topWalks.add(e.getKey());
            all -= e.getValue()[0];
        }
        if (all > 0) {
            paths.add(new PathsResult.Path(List.of(TrendKernel.OTHER), all));
        }
        Sankey sankey = new Sankey(topWalks);
        acc.persons.forEach(sankey::add);
        return new PathsResult(spec.anchor(), SpecReader.wire(spec.direction()), spec.depth(), paths, sankey.nodes(), sankey.links());
    }

    /** Compares walks as their sequences in time order, key by key (a prefix first), without building them. */
    private int compareWalks(Walk a, Walk b) {
        int[] x = a.codes();
        int[] y = b.codes();
        boolean forward = spec.direction() == Direction.START;
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(keyRank[x[forward ? i : x.length - 1 - i]], keyRank[y[forward ? i : y.length - 1 - i]]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
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

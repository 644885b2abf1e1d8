package io.waymark.core.identity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves identities into persons with union-find (path halving, union by size).
 *
 * <p>Edges are applied in time order. An IDENTIFY edge that would join two components that each
 * already hold a different known user id is refused: a shared device (one anonymous id) must
 * never merge two customers. The anonymous id stays with the user it was first identified as.
 * ALIAS edges are explicit merges requested by the customer's own system and are always applied.
 *
 * <p>The person id is derived from the earliest-seen identity of the component, so it stays the
 * same when an anonymous visitor later signs up or gains devices.
 */
public final class IdentityResolver {

    /**
     * @param firstSeen every identity with the time it was first seen
     * @param edges     identify and alias edges in any order
     */
    public IdentityResolution resolve(Map<IdentityKey, Instant> firstSeen, Collection<IdentityEdge> edges) {
        var uf = new UnionFind();
        firstSeen.keySet().forEach(uf::add);
        var sorted = new ArrayList<>(edges);
        sorted.sort(Comparator.comparing(IdentityEdge::at).thenComparing(IdentityEdge::kind)
                .thenComparing(IdentityEdge::from).thenComparing(IdentityEdge::to));
        var refused = new ArrayList<IdentityResolution.RefusedMerge>();
        for (IdentityEdge e : sorted) {
            IdentityKey to = IdentityKey.user(e.to());
            IdentityKey from = e.kind() == IdentityEdge.Kind.IDENTIFY
                    ? IdentityKey.anonymous(e.from())
                    : (firstSeen.containsKey(IdentityKey.user(e.from())) ? IdentityKey.user(e.from()) : IdentityKey.anonymous(e.from()));
            uf.add(from);
            uf.add(to);
            int a = uf.find(from);
            int b = uf.find(to);
            if (a == b) {
                continue;
            }
            if (e.kind() == IdentityEdge.Kind.IDENTIFY && uf.conflicting(a, b)) {
                refused.add(new IdentityResolution.RefusedMerge(e,
                        "anonymous id " + e.from() + " already belongs to user " + uf.users(a).iterator().next()));
                continue;
            }
            uf.union(a, b);
        }
        return new IdentityResolution(personIds(uf, firstSeen), List.copyOf(refused));
    }

    private static Map<IdentityKey, String> personIds(UnionFind uf, Map<IdentityKey, Instant> firstSeen) {
        Map<Integer, IdentityKey> canonical = new HashMap<>();
        Comparator<IdentityKey> earliest = Comparator
                .comparing((IdentityKey k) -> firstSeen.getOrDefault(k, Instant.MAX))
                .thenComparing(Comparator.naturalOrder());
        for (int i = 0; i < uf.size(); i++) {
            IdentityKey k = uf.key(i);
            canonical.merge(uf.find(i), k, (x, y) -> earliest.compare(x, y) <= 0 ? x : y);
        }
        Map<IdentityKey, String> out = new HashMap<>(uf.size() * 2);
        for (int i = 0; i < uf.size(); i++) {
            out.put(uf.key(i), personId(canonical.get(uf.find(i))));
        }
        return out;
    }

    /** A short opaque id: 64 bits of FNV-1a over the canonical identity. */
    static String personId(IdentityKey key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.toString().getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        return "p_" + String.format("%016x", h);
    }

    /** Union-find over identity keys that also tracks the known user ids of each component. */
    private static final class UnionFind {
        private final Map<IdentityKey, Integer> index = new HashMap<>();
        private final List<IdentityKey> keys = new ArrayList<>();
        private int[] parent = new int[1024];
        private int[] size = new int[1024];
        private final Map<Integer, Set<String>> users = new HashMap<>();

        void add(IdentityKey key) {
            if (index.containsKey(key)) {
                return;
            }
            int i = keys.size();
            if (i == parent.length) {
                parent = java.util.Arrays.copyOf(parent, i * 2);
                size = java.util.Arrays.copyOf(size, i * 2);
            }
            parent[i] = i;
            size[i] = 1;
            keys.add(key);
            index.put(key, i);
            if (key.user()) {
                users.put(i, new HashSet<>(Set.of(key.id())));
            }
        }

        int size() {
            return keys.size();
        }

        IdentityKey key(int i) {
            return keys.get(i);
        }

        int find(IdentityKey key) {
            return find(index.get(key));
        }

        int find(int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }

        Set<String> users(int root) {
            return users.getOrDefault(root, Set.of());
        }

        boolean conflicting(int a, int b) {
            Set<String> ua = users(a);
            Set<String> ub = users(b);
            return !ua.isEmpty() && !ub.isEmpty() && !ua.equals(ub);
        }

        void union(int a, int b) {
            if (size[a] < size[b]) {
                int t = a;
                a = b;
                b = t;
            }
            parent[b] = a;
            size[a] += size[b];
            Set<String> ub = users.remove(b);
            if (ub != null) {
                users.computeIfAbsent(a, x -> new HashSet<>()).addAll(ub);
            }
        }
    }
}

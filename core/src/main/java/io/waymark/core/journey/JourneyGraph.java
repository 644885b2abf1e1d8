package io.waymark.core.journey;

import io.waymark.core.error.WaymarkException;
import io.waymark.core.query.SpecReader;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks on a journey's step graph: every {@code next} names a step, every step is reachable from the start, and
 * every cycle passes through a waiting step (a loop of instant steps would run forever within one tick).
 */
final class JourneyGraph {
    private JourneyGraph() {
    }

    static void check(String start, List<Step> steps, List<SpecReader> nodes) {
        Map<String, Step> byId = new HashMap<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            byId.put(steps.get(i).id(), steps.get(i));
            index.put(steps.get(i).id(), i);
        }
        if (!byId.containsKey(start)) {
            throw WaymarkException.invalid("start", "'start' names no step: '" + start + "'");
        }
        for (int i = 0; i < steps.size(); i++) {
            for (String next : steps.get(i).successors()) {
                if (!byId.containsKey(next)) {
                    throw WaymarkException.invalid(nodes.get(i).path(), "step '" + steps.get(i).id() + "' continues to an unknown step '" + next + "'");
                }
            }
        }
        Set<String> reached = new HashSet<>();
        var queue = new ArrayDeque<String>(List.of(start));
        while (!queue.isEmpty()) {
            String id = queue.poll();
            if (reached.add(id)) {
                queue.addAll(byId.get(id).successors());
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            if (!reached.contains(steps.get(i).id())) {
                throw WaymarkException.invalid(nodes.get(i).name("id"), "step '" + steps.get(i).id() + "' cannot be reached from '" + start + "'");
            }
        }
        // depth-first search over instant steps only: a back edge is a loop without a wait
        Map<String, Integer> state = new HashMap<>();
        for (Step s : steps) {
            String loop = instantLoop(s, byId, state);
            if (loop != null) {
                throw WaymarkException.invalid(nodes.get(index.get(loop)).name("id"),
                        "steps loop back to '" + loop + "' without a wait or wait_for_event step in between");
            }
        }
    }

    /** 0/absent = unvisited, 1 = on the stack, 2 = done. Returns a step on an instant loop, or null. */
    private static String instantLoop(Step s, Map<String, Step> byId, Map<String, Integer> state) {
        if (s.waits()) {
            return null;
        }
        int st = state.getOrDefault(s.id(), 0);
        if (st == 1) {
            return s.id();
        }
        if (st == 2) {
            return null;
        }
        state.put(s.id(), 1);
        for (String next : s.successors()) {
            String loop = instantLoop(byId.get(next), byId, state);
            if (loop != null) {
                return loop;
            }
        }
        state.put(s.id(), 2);
        return null;
    }
}

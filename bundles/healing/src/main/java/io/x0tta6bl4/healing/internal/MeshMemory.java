package io.x0tta6bl4.healing.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeRole;
import io.x0tta6bl4.api.topology.TopologySnapshot;

/**
 * The mesh as it was last seen whole: an undirected adjacency that keeps the links of nodes
 * that went DOWN (the topology drops them), so the analysis can tell which nodes sat behind
 * a failed articulation point or bridge. A link between two UP nodes that disappears is
 * forgotten. Not thread-safe; the engine serialises calls.
 */
final class MeshMemory {

    private final Map<String, Set<String>> adjacency = new HashMap<>();
    private long version = -1;
    private String self;

    /** Learns from a snapshot unless it has already seen that version. */
    void update(TopologySnapshot snapshot) {
        if (snapshot.version() == version) {
            return;
        }
        version = snapshot.version();
        Set<String> up = new HashSet<>();
        for (Node n : snapshot.nodes().values()) {
            adjacency.computeIfAbsent(n.id().value(), k -> new HashSet<>());
            if (n.isUp()) {
                up.add(n.id().value());
            }
            if (n.role() == NodeRole.SELF) {
                self = n.id().value();
            }
        }
        Set<String> known = new HashSet<>();
        snapshot.nodes().keySet().forEach(n -> known.add(n.value()));
        adjacency.keySet().retainAll(known);
        Set<String> present = new HashSet<>();
        for (Link l : snapshot.links().values()) {
            String a = l.from().value();
            String b = l.to().value();
            connect(a, b);
            present.add(key(a, b));
        }
        for (Map.Entry<String, Set<String>> e : adjacency.entrySet()) {
            String a = e.getKey();
            if (!up.contains(a)) {
                continue;
            }
            e.getValue().removeIf(b -> up.contains(b) && !present.contains(key(a, b)));
        }
        for (Set<String> peers : adjacency.values()) {
            peers.retainAll(adjacency.keySet());
        }
    }

    void connect(String a, String b) {
        adjacency.computeIfAbsent(a, k -> new HashSet<>()).add(b);
        adjacency.computeIfAbsent(b, k -> new HashSet<>()).add(a);
    }

    int size() {
        return adjacency.size();
    }

    /**
     * The nodes cut off from the rest of the mesh when the root fails: without the node (or
     * the link {@code a->b}), every component except the one holding this node (role SELF),
     * or except the largest when this node is not in the mesh. Empty for an unknown root
     * or one whose loss splits nothing.
     */
    Set<String> behind(String root) {
        String cutA;
        String cutB;
        Set<String> removed = new HashSet<>();
        if (root.contains("->")) {
            LinkId link;
            try {
                link = LinkId.parse(root);
            } catch (IllegalArgumentException e) {
                return Set.of();
            }
            cutA = link.from().value();
            cutB = link.to().value();
            if (!adjacency.getOrDefault(cutA, Set.of()).contains(cutB)) {
                return Set.of();
            }
        } else {
            if (!adjacency.containsKey(root)) {
                return Set.of();
            }
            removed.add(root);
            cutA = null;
            cutB = null;
        }
        List<Set<String>> components = new ArrayList<>();
        Set<String> seen = new HashSet<>(removed);
        for (String start : adjacency.keySet()) {
            if (seen.contains(start)) {
                continue;
            }
            Set<String> comp = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>();
            todo.add(start);
            seen.add(start);
            while (!todo.isEmpty()) {
                String n = todo.poll();
                comp.add(n);
                for (String m : adjacency.getOrDefault(n, Set.of())) {
                    boolean cut = cutA != null && ((n.equals(cutA) && m.equals(cutB)) || (n.equals(cutB) && m.equals(cutA)));
                    if (!cut && seen.add(m)) {
                        todo.add(m);
                    }
                }
            }
            components.add(comp);
        }
        if (components.size() < 2) {
            return Set.of();
        }
        Set<String> largest = components.stream().filter(c -> self != null && c.contains(self)).findFirst()
                .orElseGet(() -> components.stream().max((x, y) -> Integer.compare(x.size(), y.size())).orElseThrow());
        Set<String> out = new HashSet<>();
        for (Set<String> c : components) {
            if (c != largest) {
                out.addAll(c);
            }
        }
        return out;
    }

    private static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + '|' + b : b + '|' + a;
    }
}

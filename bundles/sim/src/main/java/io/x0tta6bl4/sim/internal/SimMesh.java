package io.x0tta6bl4.sim.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.x0tta6bl4.api.topology.NodeId;

/** A generated mesh: immutable nodes and edges, with lookups by id and by pair. */
public final class SimMesh {

    private final MeshShape shape;
    private final long seed;
    private final List<SimNode> nodes;
    private final List<SimEdge> edges;
    private final Map<NodeId, SimNode> byId = new HashMap<>();
    private final Map<Long, SimEdge> byPair = new HashMap<>();

    SimMesh(MeshShape shape, long seed, List<SimNode> nodes, List<SimEdge> edges) {
        this.shape = shape;
        this.seed = seed;
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        for (SimNode node : this.nodes) {
            byId.put(node.id(), node);
        }
        for (SimEdge edge : this.edges) {
            byPair.put(edge.key(), edge);
        }
    }

    public MeshShape shape() {
        return shape;
    }

    public int size() {
        return nodes.size();
    }

    public long seed() {
        return seed;
    }

    public List<SimNode> nodes() {
        return nodes;
    }

    public List<SimEdge> edges() {
        return edges;
    }

    public Optional<SimNode> node(NodeId id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<SimEdge> edge(NodeId a, NodeId b) {
        SimNode na = byId.get(a);
        SimNode nb = byId.get(b);
        if (na == null || nb == null || na.index() == nb.index()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byPair.get(SimEdge.key(na.index(), nb.index())));
    }

    public boolean isConnected() {
        if (nodes.isEmpty()) {
            return true;
        }
        List<List<Integer>> adjacency = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            adjacency.add(new ArrayList<>());
        }
        for (SimEdge e : edges) {
            adjacency.get(e.a()).add(e.b());
            adjacency.get(e.b()).add(e.a());
        }
        boolean[] seen = new boolean[nodes.size()];
        Deque<Integer> queue = new ArrayDeque<>();
        queue.add(0);
        seen[0] = true;
        int reached = 1;
        while (!queue.isEmpty()) {
            for (int next : adjacency.get(queue.poll())) {
                if (!seen[next]) {
                    seen[next] = true;
                    reached++;
                    queue.add(next);
                }
            }
        }
        return reached == nodes.size();
    }
}

package io.x0tta6bl4.topology.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.topology.CriticalElements;
import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.api.topology.TopologyStatistics;

/**
 * A snapshot's UP nodes numbered 0..n-1 in id order with their outgoing links, so graph
 * algorithms work on arrays. Built once per snapshot; immutable.
 */
final class MeshGraph {

    private final TopologySnapshot snapshot;
    private final NodeId[] ids;
    private final Map<NodeId, Integer> index;
    private final Link[][] out;
    private final int[][] targets;
    private volatile TopologyStatistics statistics;
    private volatile CriticalElements critical;

    private MeshGraph(TopologySnapshot snapshot) {
        this.snapshot = snapshot;
        List<NodeId> up = new ArrayList<>();
        for (Node n : snapshot.nodes().values()) {
            if (n.isUp()) {
                up.add(n.id());
            }
        }
        ids = up.toArray(NodeId[]::new);
        index = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
        List<List<Link>> adjacency = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            adjacency.add(new ArrayList<>());
        }
        // snapshots hold only links between UP nodes, so both ends have an index
        for (Link l : snapshot.links().values()) {
            adjacency.get(index.get(l.from())).add(l);
        }
        out = new Link[ids.length][];
        targets = new int[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            out[i] = adjacency.get(i).toArray(Link[]::new);
            targets[i] = new int[out[i].length];
            for (int j = 0; j < out[i].length; j++) {
                targets[i][j] = index.get(out[i][j].to());
            }
        }
    }

    static MeshGraph of(TopologySnapshot snapshot) {
        return new MeshGraph(snapshot);
    }

    TopologySnapshot snapshot() {
        return snapshot;
    }

    int size() {
        return ids.length;
    }

    NodeId id(int i) {
        return ids[i];
    }

    /** The index of an UP node, -1 for a DOWN or unknown one. */
    int indexOf(NodeId id) {
        Integer i = index.get(id);
        return i == null ? -1 : i;
    }

    Link[] linksFrom(int i) {
        return out[i];
    }

    int[] targetsFrom(int i) {
        return targets[i];
    }

    /** Statistics are costly (all pairs) and asked for often: computed once per snapshot. */
    TopologyStatistics statistics() {
        TopologyStatistics s = statistics;
        if (s == null) {
            s = GraphStatistics.of(this);
            statistics = s;
        }
        return s;
    }

    /** Articulation points and bridges over usable links, computed once per snapshot. */
    CriticalElements critical() {
        CriticalElements c = critical;
        if (c == null) {
            c = Criticality.of(snapshot.version(), undirected(), this::id);
            critical = c;
        }
        return c;
    }

    UndirectedGraph undirected() {
        int m = 0;
        for (Link[] ls : out) {
            m += ls.length;
        }
        int[] from = new int[m];
        int[] to = new int[m];
        int k = 0;
        for (int u = 0; u < out.length; u++) {
            for (int j = 0; j < out[u].length; j++) {
                if (out[u][j].quality().isUsable()) {
                    from[k] = u;
                    to[k++] = targets[u][j];
                }
            }
        }
        return UndirectedGraph.of(ids.length, from, to, k);
    }
}

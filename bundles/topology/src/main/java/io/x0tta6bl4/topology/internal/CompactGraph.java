package io.x0tta6bl4.topology.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.x0tta6bl4.api.topology.CriticalElements;
import io.x0tta6bl4.api.topology.HopCountWeigher;
import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkWeigher;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.QualityWeigher;

/**
 * One version of the routable mesh in primitive arrays: the UP nodes numbered 0..n-1 in id
 * order and the links between them in compressed sparse rows, outgoing
 * ({@code edges outStart[u] .. outStart[u+1]}) and incoming (positions into the outgoing
 * arrays). Immutable. A version that only changes link metrics shares every structural
 * array with its predecessor and copies only the per-link arrays.
 */
final class CompactGraph {

    static final CompactGraph EMPTY = build(0, Instant.EPOCH, Set.of(), new NodeId[0], List.of());

    final long version;
    final Instant time;
    /** Every known node, UP or DOWN, so a query can tell unknown from unreachable. */
    private final Set<NodeId> known;
    private final NodeId[] ids;
    private final Map<NodeId, Integer> index;
    final int[] outStart;
    final int[] target;
    final int[] source;
    final int[] inStart;
    /** For each node's incoming edges, the edge number (position in the outgoing arrays). */
    final int[] inEdge;
    private final Map<LinkId, Integer> edgeOf;
    private final Link[] links;
    /** Quality cost including penalties, infinite for an unusable link. */
    private final double[] cost;
    private final Map<LinkWeigher, double[]> weights = new ConcurrentHashMap<>();
    /** Smallest finite weight of each weight array (by identity), for A*'s lower bounds. */
    private final Map<double[], Double> minWeights = new ConcurrentHashMap<>();
    /** What depends on the structure only, shared by every version that changes just metrics. */
    private final Structure structure;
    private volatile CriticalElements critical;
    private volatile UndirectedGraph undirected;

    private CompactGraph(long version, Instant time, Set<NodeId> known, NodeId[] ids, Map<NodeId, Integer> index,
                         int[] outStart, int[] target, int[] source, int[] inStart, int[] inEdge,
                         Map<LinkId, Integer> edgeOf, Link[] links, double[] cost, Structure structure) {
        this.version = version;
        this.time = time;
        this.known = known;
        this.ids = ids;
        this.index = index;
        this.outStart = outStart;
        this.target = target;
        this.source = source;
        this.inStart = inStart;
        this.inEdge = inEdge;
        this.edgeOf = edgeOf;
        this.links = links;
        this.cost = cost;
        this.structure = structure;
    }

    /** Holder of the structure-only data, computed lazily. */
    private static final class Structure {
        volatile Landmarks landmarks;
    }

    /**
     * @param known every known node
     * @param up    the UP nodes, sorted
     * @param links the links between UP nodes
     */
    static CompactGraph build(long version, Instant time, Set<NodeId> known, NodeId[] up, Collection<Link> links) {
        int n = up.length;
        Map<NodeId, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(up[i], i);
        }
        Link[] sorted = links.toArray(Link[]::new);
        Arrays.sort(sorted, (a, b) -> a.id().compareTo(b.id()));
        int m = sorted.length;
        int[] outStart = new int[n + 1];
        int[] target = new int[m];
        int[] source = new int[m];
        // sorted by (from, to) and nodes numbered in id order: edges are already grouped by source
        for (int e = 0; e < m; e++) {
            source[e] = index.get(sorted[e].from());
            target[e] = index.get(sorted[e].to());
            outStart[source[e] + 1]++;
        }
        for (int u = 0; u < n; u++) {
            outStart[u + 1] += outStart[u];
        }
        int[] inStart = new int[n + 1];
        for (int e = 0; e < m; e++) {
            inStart[target[e] + 1]++;
        }
        for (int u = 0; u < n; u++) {
            inStart[u + 1] += inStart[u];
        }
        int[] fill = Arrays.copyOf(inStart, n);
        int[] inEdge = new int[m];
        for (int e = 0; e < m; e++) {
            inEdge[fill[target[e]]++] = e;
        }
        Map<LinkId, Integer> edgeOf = new HashMap<>(m * 2);
        double[] cost = new double[m];
        for (int e = 0; e < m; e++) {
            edgeOf.put(sorted[e].id(), e);
            cost[e] = sanitize(sorted[e].quality().cost());
        }
        return new CompactGraph(version, time, Set.copyOf(known), up, index, outStart, target, source, inStart,
                inEdge, edgeOf, sorted, cost, new Structure());
    }

    /**
     * The same structure with new metrics for some links: shares every structural array
     * and copies the two per-link arrays, linear in links with a tiny constant.
     *
     * @return null if a link is not in this graph (the caller then rebuilds)
     */
    CompactGraph withLinks(long newVersion, Instant newTime, Collection<Link> changed) {
        Link[] l = links.clone();
        double[] c = cost.clone();
        for (Link link : changed) {
            Integer e = edgeOf.get(link.id());
            if (e == null) {
                return null;
            }
            l[e] = link;
            c[e] = sanitize(link.quality().cost());
        }
        return new CompactGraph(newVersion, newTime, known, ids, index, outStart, target, source, inStart, inEdge,
                edgeOf, l, c, structure);
    }

    int size() {
        return ids.length;
    }

    int edgeCount() {
        return links.length;
    }

    NodeId id(int i) {
        return ids[i];
    }

    boolean isKnown(NodeId id) {
        return known.contains(id);
    }

    int knownCount() {
        return known.size();
    }

    /** The index of an UP node, -1 for a DOWN or unknown one. */
    int indexOf(NodeId id) {
        Integer i = index.get(id);
        return i == null ? -1 : i;
    }

    /** The edge number of a link between UP nodes, -1 if there is none. */
    int edgeOf(LinkId id) {
        Integer e = edgeOf.get(id);
        return e == null ? -1 : e;
    }

    Link link(int edge) {
        return links[edge];
    }

    Link[] links() {
        return links;
    }

    /** The links leaving and entering a node, by id; none for a DOWN or unknown node. */
    List<Link> linksOf(NodeId id) {
        int u = indexOf(id);
        if (u < 0) {
            return List.of();
        }
        List<Link> out = new ArrayList<>();
        for (int e = outStart[u]; e < outStart[u + 1]; e++) {
            out.add(link(e));
        }
        for (int i = inStart[u]; i < inStart[u + 1]; i++) {
            out.add(link(inEdge[i]));
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    double cost(int edge) {
        return cost[edge];
    }

    boolean usable(int edge) {
        return cost[edge] != Double.POSITIVE_INFINITY;
    }

    /**
     * The weigher's weight of every edge, computed once per graph and weigher: searches
     * then read a double array instead of calling the weigher per relaxation. A weight
     * that is infinite, NaN or negative (a misbehaving plugin) takes the edge out.
     */
    double[] weights(LinkWeigher weigher) {
        if (weigher == QualityWeigher.INSTANCE) {
            return cost;
        }
        return weights.computeIfAbsent(weigher, w -> {
            double[] out = new double[links.length];
            for (int e = 0; e < out.length; e++) {
                out[e] = w == HopCountWeigher.INSTANCE ? (usable(e) ? 1 : Double.POSITIVE_INFINITY)
                        : sanitize(w.weight(links[e]));
            }
            return out;
        });
    }

    /** The smallest finite weight in the array (0 if there is none), computed once per array. */
    double minWeight(double[] w) {
        return minWeights.computeIfAbsent(w, a -> {
            double min = Double.POSITIVE_INFINITY;
            for (double x : a) {
                if (x < min) {
                    min = x;
                }
            }
            return Double.isInfinite(min) ? 0 : min;
        });
    }

    /** Hop landmarks over every link, usable or not: shared by versions with the same structure. */
    Landmarks landmarks() {
        Landmarks l = structure.landmarks;
        if (l == null) {
            int m = links.length;
            l = Landmarks.of(UndirectedGraph.of(ids.length, source, target, m));
            structure.landmarks = l;
        }
        return l;
    }

    /** Articulation points and bridges over usable links, computed once per graph. */
    CriticalElements critical() {
        CriticalElements c = critical;
        if (c == null) {
            c = Criticality.of(version, undirected(), this::id);
            critical = c;
        }
        return c;
    }

    /** The usable links as a simple undirected graph, computed once per graph. */
    UndirectedGraph undirected() {
        UndirectedGraph u = undirected;
        if (u == null) {
            int m = links.length;
            int[] from = new int[m];
            int[] to = new int[m];
            int k = 0;
            for (int e = 0; e < m; e++) {
                if (usable(e)) {
                    from[k] = source[e];
                    to[k++] = target[e];
                }
            }
            u = UndirectedGraph.of(ids.length, from, to, k);
            undirected = u;
        }
        return u;
    }

    private static double sanitize(double w) {
        return w >= 0 && w != Double.POSITIVE_INFINITY ? w : Double.POSITIVE_INFINITY;
    }
}

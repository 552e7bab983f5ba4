package io.x0tta6bl4.topology.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkWeigher;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.Path;

/**
 * Dijkstra over a {@link CompactGraph}'s arrays with a weigher's precomputed weights.
 * Single-pair queries use A* with landmark lower bounds, or, for a weigher with
 * zero-weight links (where those bounds say nothing), search from both ends at once
 * (bidirectional Dijkstra); both settle far fewer nodes on a mesh than a search from
 * the source alone.
 */
final class ShortestPaths {

    private static final ThreadLocal<SearchSpace> BACKWARD = ThreadLocal.withInitial(() -> new SearchSpace(0));

    private ShortestPaths() {
    }

    /** The cheapest path, empty when an end is DOWN, unknown or unreachable. */
    static Optional<Path> find(CompactGraph g, NodeId source, NodeId destination, LinkWeigher weigher) {
        int src = g.indexOf(source);
        int dst = g.indexOf(destination);
        if (src < 0 || dst < 0) {
            return Optional.empty();
        }
        double[] w = g.weights(weigher);
        int[] edges = g.minWeight(w) > 0 ? astar(g, w, src, dst) : bidirectional(g, w, src, dst);
        return edges == null ? Optional.empty() : Optional.of(path(g, src, edges, w, weigher.name()));
    }

    /**
     * A* towards {@code dst} with the graph's hop landmarks scaled by the smallest weight
     * as lower bounds (see {@link Landmarks}): the search is drawn towards the destination
     * instead of growing a ball around the source. Returns the edges in order, null when
     * unreachable, an empty array when they are the same node.
     */
    static int[] astar(CompactGraph g, double[] w, int src, int dst) {
        if (src == dst) {
            return new int[0];
        }
        Landmarks landmarks = g.landmarks();
        double scale = g.minWeight(w);
        SearchSpace s = SearchSpace.forThread(g.size());
        s.relax(src, 0, -1, scale * landmarks.hopsBound(src, dst));
        int[] outStart = g.outStart;
        int[] target = g.target;
        while (!s.isEmpty()) {
            int u = s.poll();
            s.settle(u);
            if (u == dst) {
                return edgesTo(g, s, src, dst);
            }
            double du = s.distance[u];
            for (int e = outStart[u], end = outStart[u + 1]; e < end; e++) {
                double we = w[e];
                if (we == Double.POSITIVE_INFINITY) {
                    continue;
                }
                int v = target[e];
                if (s.settled(v)) {
                    continue;
                }
                double d = du + we;
                if (!s.reached(v)) {
                    s.relax(v, d, e, scale * landmarks.hopsBound(v, dst));
                } else if (d < s.distance[v]) {
                    s.relax(v, d, e);
                }
            }
        }
        return null;
    }

    /**
     * The edges of a cheapest path from {@code src} to {@code dst} in order, null when
     * unreachable; an empty array when they are the same node.
     */
    static int[] bidirectional(CompactGraph g, double[] w, int src, int dst) {
        if (src == dst) {
            return new int[0];
        }
        int n = g.size();
        SearchSpace f = SearchSpace.forThread(n);
        SearchSpace b = BACKWARD.get();
        b.reset(n);
        f.relax(src, 0, -1);
        b.relax(dst, 0, -1);
        double best = Double.POSITIVE_INFINITY;
        int meet = -1;
        int[] outStart = g.outStart;
        int[] target = g.target;
        int[] inStart = g.inStart;
        int[] inEdge = g.inEdge;
        int[] source = g.source;
        while (!f.isEmpty() && !b.isEmpty()) {
            if (f.peekDistance() + b.peekDistance() >= best) {
                break;
            }
            // expand the side with the smaller frontier key: balanced balls
            if (f.peekDistance() <= b.peekDistance()) {
                int u = f.poll();
                f.settle(u);
                double du = f.distance[u];
                for (int e = outStart[u], end = outStart[u + 1]; e < end; e++) {
                    double we = w[e];
                    if (we == Double.POSITIVE_INFINITY) {
                        continue;
                    }
                    int v = target[e];
                    if (f.settled(v)) {
                        continue;
                    }
                    double d = du + we;
                    f.relax(v, d, e);
                    if (b.reached(v)) {
                        double total = f.distance[v] + b.distance[v];
                        if (total < best) {
                            best = total;
                            meet = v;
                        }
                    }
                }
            } else {
                int u = b.poll();
                b.settle(u);
                double du = b.distance[u];
                for (int i = inStart[u], end = inStart[u + 1]; i < end; i++) {
                    int e = inEdge[i];
                    double we = w[e];
                    if (we == Double.POSITIVE_INFINITY) {
                        continue;
                    }
                    int v = source[e];
                    if (b.settled(v)) {
                        continue;
                    }
                    double d = du + we;
                    b.relax(v, d, e);
                    if (f.reached(v)) {
                        double total = f.distance[v] + b.distance[v];
                        if (total < best) {
                            best = total;
                            meet = v;
                        }
                    }
                }
            }
        }
        if (meet < 0) {
            return null;
        }
        List<Integer> edges = new ArrayList<>();
        for (int at = meet; at != src; ) {
            int e = f.via(at);
            edges.add(e);
            at = source[e];
        }
        Collections.reverse(edges);
        for (int at = meet; at != dst; ) {
            int e = b.via(at);
            edges.add(e);
            at = target[e];
        }
        return edges.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Single-source Dijkstra from {@code src}, stopping once {@code dst} is settled
     * ({@code -1}: never), avoiding banned nodes and edges (either may be null). The
     * result stays in this thread's {@link SearchSpace} until its next search.
     */
    static SearchSpace search(CompactGraph g, double[] w, int src, int dst, boolean[] bannedNode,
                              boolean[] bannedEdge) {
        return search(g.size(), g.outStart, g.target, w, src, dst, bannedNode, bannedEdge);
    }

    /** The same over any graph in compressed sparse rows. */
    static SearchSpace search(int n, int[] start, int[] target, double[] w, int src, int dst, boolean[] bannedNode,
                              boolean[] bannedEdge) {
        SearchSpace s = SearchSpace.forThread(n);
        s.relax(src, 0, -1);
        while (!s.isEmpty()) {
            int u = s.poll();
            s.settle(u);
            if (u == dst) {
                break;
            }
            double du = s.distance[u];
            for (int e = start[u], end = start[u + 1]; e < end; e++) {
                double we = w[e];
                if (we == Double.POSITIVE_INFINITY || (bannedEdge != null && bannedEdge[e])) {
                    continue;
                }
                int v = target[e];
                if (s.settled(v) || (bannedNode != null && bannedNode[v])) {
                    continue;
                }
                s.relax(v, du + we, e);
            }
        }
        return s;
    }

    /** Cost from {@code src} to every UP node, infinite where unreachable. */
    static double[] distances(CompactGraph g, int src, LinkWeigher weigher) {
        SearchSpace s = search(g, g.weights(weigher), src, -1, null, null);
        double[] d = new double[g.size()];
        for (int v = 0; v < d.length; v++) {
            d[v] = s.distance(v);
        }
        return d;
    }

    /** The edges leading to {@code dst} in the last search of this thread, in order; null if not reached. */
    static int[] edgesTo(CompactGraph g, SearchSpace s, int src, int dst) {
        return edgesTo(g.source, s, src, dst);
    }

    static int[] edgesTo(int[] source, SearchSpace s, int src, int dst) {
        if (!s.reached(dst)) {
            return null;
        }
        int count = 0;
        for (int at = dst; at != src; at = source[s.via(at)]) {
            count++;
        }
        int[] edges = new int[count];
        for (int at = dst, i = count - 1; at != src; at = source[s.via(at)]) {
            edges[i--] = s.via(at);
        }
        return edges;
    }

    /** A path from its edges; its cost is the sum of their weights. */
    static Path path(CompactGraph g, int src, int[] edges, double[] w, String weigher) {
        List<NodeId> hops = new ArrayList<>(edges.length + 1);
        List<Link> links = new ArrayList<>(edges.length);
        hops.add(g.id(src));
        double cost = 0;
        for (int e : edges) {
            links.add(g.link(e));
            hops.add(g.id(g.target[e]));
            cost += w[e];
        }
        return new Path(hops, links, cost, weigher);
    }
}

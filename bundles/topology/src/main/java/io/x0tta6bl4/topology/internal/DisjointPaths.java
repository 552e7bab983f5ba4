package io.x0tta6bl4.topology.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.x0tta6bl4.api.topology.Disjointness;

/**
 * Suurballe's algorithm: the pair of paths between two nodes that share no link (or no
 * relay node) with the least total cost. A first Dijkstra gives the shortest path and
 * every node's distance; a second runs on the residual graph, where edges carry
 * reduced costs {@code w + d(u) - d(v) >= 0} and the first path's edges point backwards
 * at cost 0; where the second path runs backwards along the first, the two swap tails.
 * <p>
 * Links are physical here: the two directions of a link count as one, so a link's
 * reverse is closed to the second path except to cancel the first. For node-disjoint
 * pairs every relay is split into an entry and an exit joined by one edge, which then
 * only one path can use.
 */
final class DisjointPaths {

    private DisjointPaths() {
    }

    /** The two paths as arrays of graph edges, the cheaper first; null when there is no such pair. */
    static int[][] find(CompactGraph g, double[] w, int src, int dst, Disjointness mode) {
        if (src == dst) {
            return null;
        }
        int n = g.size();
        boolean split = mode == Disjointness.NODE;
        int nodes = split ? 2 * n : n;
        // entry of v is v, exit is n + v when split; the ends are not split
        EdgeList base = new EdgeList();
        for (int e = 0; e < g.edgeCount(); e++) {
            if (w[e] == Double.POSITIVE_INFINITY) {
                continue;
            }
            int u = g.source[e];
            int v = g.target[e];
            base.add(split && u != src ? n + u : u, v, w[e], e);
        }
        if (split) {
            for (int v = 0; v < n; v++) {
                if (v != src && v != dst) {
                    base.add(v, n + v, 0, -1);
                }
            }
        }
        Csr first = base.toCsr(nodes);
        SearchSpace s = ShortestPaths.search(nodes, first.start, first.target, first.w, src, -1, null, null);
        if (!s.reached(dst)) {
            return null;
        }
        double[] d = new double[nodes];
        for (int v = 0; v < nodes; v++) {
            d[v] = s.distance(v);
        }
        int[] p1 = ShortestPaths.edgesTo(first.source, s, src, dst);
        boolean[] onP1 = new boolean[first.m()];
        Set<Long> p1Pairs = new HashSet<>();
        for (int e : p1) {
            onP1[e] = true;
            if (first.tag[e] >= 0) {
                p1Pairs.add(pair(g.source[first.tag[e]], g.target[first.tag[e]]));
            }
        }
        // residual graph; tags: >= 0 index into first's edges (forward), -(index + 2) for a reversed P1 edge
        EdgeList residual = new EdgeList();
        for (int e = 0; e < first.m(); e++) {
            int u = first.source[e];
            int v = first.target[e];
            if (onP1[e]) {
                residual.add(v, u, 0, -(e + 2));
            } else if (d[u] != Double.POSITIVE_INFINITY) {
                int orig = first.tag[e];
                if (orig >= 0 && p1Pairs.contains(pair(g.source[orig], g.target[orig]))) {
                    continue;
                }
                residual.add(u, v, Math.max(0, first.w[e] + d[u] - d[v]), e);
            }
        }
        Csr second = residual.toCsr(nodes);
        SearchSpace r = ShortestPaths.search(nodes, second.start, second.target, second.w, src, dst, null, null);
        int[] p2 = ShortestPaths.edgesTo(second.source, r, src, dst);
        if (p2 == null) {
            return null;
        }
        // the union of both, less the P1 edges P2 cancelled, in first's numbering
        boolean[] used = onP1.clone();
        List<Integer> extra = new ArrayList<>();
        for (int e : p2) {
            int tag = second.tag[e];
            if (tag <= -2) {
                used[-tag - 2] = false;
            } else {
                extra.add(tag);
            }
        }
        extra.forEach(e -> used[e] = true);
        int[] a = walk(first, used, src, dst);
        int[] b = walk(first, used, src, dst);
        if (a == null || b == null) {
            return null;
        }
        int[][] pair = {original(first, a), original(first, b)};
        if (cost(pair[1], w) < cost(pair[0], w)) {
            int[] t = pair[0];
            pair[0] = pair[1];
            pair[1] = t;
        }
        return pair;
    }

    /** Follows unused-up edges from src to dst, consuming them. */
    private static int[] walk(Csr c, boolean[] used, int src, int dst) {
        List<Integer> edges = new ArrayList<>();
        int at = src;
        int guard = c.m() + 1;
        while (at != dst && guard-- > 0) {
            int next = -1;
            for (int e = c.start[at]; e < c.start[at + 1]; e++) {
                if (used[e]) {
                    next = e;
                    break;
                }
            }
            if (next < 0) {
                return null;
            }
            used[next] = false;
            edges.add(next);
            at = c.target[next];
        }
        return at == dst ? edges.stream().mapToInt(Integer::intValue).toArray() : null;
    }

    private static int[] original(Csr c, int[] edges) {
        return Arrays.stream(edges).map(e -> c.tag[e]).filter(t -> t >= 0).toArray();
    }

    private static double cost(int[] edges, double[] w) {
        double sum = 0;
        for (int e : edges) {
            sum += w[e];
        }
        return sum;
    }

    private static long pair(int a, int b) {
        return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    }

    /** Edges collected in any order. */
    private static final class EdgeList {
        private int[] from = new int[16];
        private int[] to = new int[16];
        private double[] w = new double[16];
        private int[] tag = new int[16];
        private int m;

        void add(int u, int v, double weight, int t) {
            if (m == from.length) {
                from = Arrays.copyOf(from, m * 2);
                to = Arrays.copyOf(to, m * 2);
                w = Arrays.copyOf(w, m * 2);
                tag = Arrays.copyOf(tag, m * 2);
            }
            from[m] = u;
            to[m] = v;
            w[m] = weight;
            tag[m++] = t;
        }

        /** Sorted by tail (counting sort): an edge's number is its position. */
        Csr toCsr(int nodes) {
            int[] start = new int[nodes + 1];
            for (int i = 0; i < m; i++) {
                start[from[i] + 1]++;
            }
            for (int u = 0; u < nodes; u++) {
                start[u + 1] += start[u];
            }
            int[] fill = Arrays.copyOf(start, nodes);
            Csr c = new Csr(start, new int[m], new int[m], new double[m], new int[m]);
            for (int i = 0; i < m; i++) {
                int p = fill[from[i]]++;
                c.source[p] = from[i];
                c.target[p] = to[i];
                c.w[p] = w[i];
                c.tag[p] = tag[i];
            }
            return c;
        }
    }

    private record Csr(int[] start, int[] source, int[] target, double[] w, int[] tag) {
        int m() {
            return target.length;
        }
    }
}

package io.x0tta6bl4.topology.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.x0tta6bl4.api.topology.Eccentricities;
import io.x0tta6bl4.api.topology.HopCountWeigher;
import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.QualityWeigher;
import io.x0tta6bl4.api.topology.TopologyStatistics;

/**
 * Figures about one graph. Connectivity counts only usable links (finite cost): a link
 * too lossy to carry traffic does not join two parts of the mesh. The diameters are
 * exact: a search from every UP node (Dijkstra on quality cost, breadth-first on hops),
 * spread over the threads of an executor when one is given.
 */
final class GraphStatistics {

    /** Sources a worker takes at a time: large enough to amortise, small enough to balance. */
    private static final int CHUNK = 16;

    private GraphStatistics() {
    }

    /** Computes on the caller's thread. */
    static Analysis of(CompactGraph g, int knownNodes) {
        return of(g, knownNodes, null, 1);
    }

    /**
     * The statistics, with both diameters exact by {@link DiameterBounds} (a search from
     * the rim of the mesh only), without per-node eccentricities.
     *
     * @param executor runs the searches, or null for the caller's thread
     * @param threads  how many workers to start on the executor
     */
    static Analysis of(CompactGraph g, int knownNodes, ExecutorService executor, int threads) {
        int[] roots = componentRoots(g);
        double cost = DiameterBounds.diameter(g, g.weights(QualityWeigher.INSTANCE), roots, executor, threads);
        double hops = DiameterBounds.diameter(g, g.weights(HopCountWeigher.INSTANCE),
                roots, executor, threads);
        if (cost < 0 || hops < 0) {
            return full(g, knownNodes, executor, threads);
        }
        return new Analysis(figures(g, knownNodes, (int) Math.round(hops), cost), null, null, null);
    }

    /** Every node's eccentricity (a search from every node), and the statistics from them. */
    static Analysis full(CompactGraph g, int knownNodes, ExecutorService executor, int threads) {
        int n = g.size();
        double[] costEcc = new double[n];
        int[] hopEcc = new int[n];
        Runnable worker = eccentricities(g, costEcc, hopEcc, new AtomicInteger());
        DiameterBounds.run(worker, n < 2 * CHUNK ? null : executor, threads);
        int diameterHops = 0;
        double diameterCost = 0;
        for (int u = 0; u < n; u++) {
            diameterHops = Math.max(diameterHops, hopEcc[u]);
            diameterCost = Math.max(diameterCost, costEcc[u]);
        }
        NodeId[] ids = new NodeId[n];
        for (int u = 0; u < n; u++) {
            ids[u] = g.id(u);
        }
        return new Analysis(figures(g, knownNodes, diameterHops, diameterCost), ids, costEcc, hopEcc);
    }

    private static TopologyStatistics figures(CompactGraph g, int knownNodes, int diameterHops, double diameterCost) {
        int n = g.size();
        int links = g.edgeCount();
        double quality = 0;
        for (Link l : g.links()) {
            quality += l.quality().score();
        }
        return new TopologyStatistics(g.version, knownNodes, n, links, n == 0 ? 0 : (double) links / n,
                components(g), diameterHops, diameterCost, links == 0 ? 0 : quality / links);
    }

    /**
     * The figures that take linear time, with both diameters {@code -1} (pending) and no
     * eccentricities: what a caller gets while the first analysis of a large mesh runs.
     */
    static Analysis partial(CompactGraph g, int knownNodes) {
        int n = g.size();
        int links = g.edgeCount();
        double quality = 0;
        for (Link l : g.links()) {
            quality += l.quality().score();
        }
        TopologyStatistics s = new TopologyStatistics(g.version, knownNodes, n, links,
                n == 0 ? 0 : (double) links / n, components(g), -1, -1, links == 0 ? 0 : quality / links);
        return new Analysis(s, new NodeId[0], new double[0], new int[0]);
    }

    private static Runnable eccentricities(CompactGraph g, double[] costEcc, int[] hopEcc, AtomicInteger next) {
        double[] w = g.weights(QualityWeigher.INSTANCE);
        int n = g.size();
        double min = g.minWeight(w);
        double max = 0;
        for (double x : w) {
            if (x != Double.POSITIVE_INFINITY && x > max) {
                max = x;
            }
        }
        boolean buckets = BucketSearch.suits(min, max);
        double maxWeight = max;
        return () -> {
            int[] queue = new int[n];
            int[] hops = new int[n];
            BucketSearch bucket = buckets ? new BucketSearch(n) : null;
            for (int from = next.getAndAdd(CHUNK); from < n; from = next.getAndAdd(CHUNK)) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                for (int u = from, end = Math.min(n, from + CHUNK); u < end; u++) {
                    costEcc[u] = bucket != null ? bucket.eccentricity(g, w, u, min, maxWeight) : heapEccentricity(g, w, u);
                    hopEcc[u] = hopEccentricity(g, u, queue, hops);
                }
            }
        };
    }

    private static double heapEccentricity(CompactGraph g, double[] w, int u) {
        SearchSpace s = ShortestPaths.search(g, w, u, -1, null, null);
        double max = 0;
        for (int v = 0; v < g.size(); v++) {
            double d = s.distance(v);
            if (d != Double.POSITIVE_INFINITY && d > max) {
                max = d;
            }
        }
        return max;
    }

    /** Breadth-first over usable links; {@code queue} and {@code hops} are scratch arrays of the graph's size. */
    private static int hopEccentricity(CompactGraph g, int src, int[] queue, int[] hops) {
        Arrays.fill(hops, -1);
        int head = 0;
        int tail = 0;
        queue[tail++] = src;
        hops[src] = 0;
        int max = 0;
        while (head < tail) {
            int u = queue[head++];
            for (int e = g.outStart[u], end = g.outStart[u + 1]; e < end; e++) {
                int v = g.target[e];
                if (hops[v] < 0 && g.usable(e)) {
                    hops[v] = hops[u] + 1;
                    max = hops[v];
                    queue[tail++] = v;
                }
            }
        }
        return max;
    }

    /** Weakly connected components among UP nodes, by union-find. */
    static int components(CompactGraph g) {
        int[] root = componentRoots(g);
        int count = 0;
        for (int u = 0; u < root.length; u++) {
            if (root[u] == u) {
                count++;
            }
        }
        return count;
    }

    /** The members of each weakly connected component, largest first, then by smallest id. */
    static List<SortedSet<NodeId>> componentMembers(CompactGraph g) {
        int[] root = componentRoots(g);
        Map<Integer, SortedSet<NodeId>> byRoot = new HashMap<>();
        for (int u = 0; u < root.length; u++) {
            byRoot.computeIfAbsent(root[u], r -> new TreeSet<>()).add(g.id(u));
        }
        List<SortedSet<NodeId>> out = new ArrayList<>(byRoot.values());
        out.sort((a, b) -> a.size() != b.size() ? Integer.compare(b.size(), a.size())
                : a.first().compareTo(b.first()));
        return out;
    }

    /** Each UP node's component representative (a node of the component). */
    static int[] componentRoots(CompactGraph g) {
        int n = g.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int e = 0; e < g.edgeCount(); e++) {
            if (g.usable(e)) {
                int a = root(parent, g.source[e]);
                int b = root(parent, g.target[e]);
                if (a != b) {
                    parent[a] = b;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            parent[i] = root(parent, i);
        }
        return parent;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** The statistics of a graph, with every node's eccentricity behind them when computed (else null). */
    record Analysis(TopologyStatistics statistics, NodeId[] ids, double[] costEccentricity, int[] hopEccentricity) {

        /** The eccentricities by node id; only for an analysis that computed them. */
        Eccentricities byNode() {
            TreeMap<NodeId, Double> cost = new TreeMap<>();
            TreeMap<NodeId, Integer> hops = new TreeMap<>();
            for (int i = 0; i < ids.length; i++) {
                cost.put(ids[i], costEccentricity[i]);
                hops.put(ids[i], hopEccentricity[i]);
            }
            return new Eccentricities(statistics.version(), cost, hops);
        }
    }
}

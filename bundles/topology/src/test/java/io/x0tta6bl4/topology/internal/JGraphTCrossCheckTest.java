package io.x0tta6bl4.topology.internal;

import static io.x0tta6bl4.topology.internal.Mesh.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import io.x0tta6bl4.api.topology.Disjointness;
import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.Path;
import io.x0tta6bl4.api.topology.PathPair;
import io.x0tta6bl4.api.topology.TopologyStatistics;
import io.x0tta6bl4.support.testing.MutableClock;

import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.AllDirectedPaths;
import org.jgrapht.alg.shortestpath.BidirectionalDijkstraShortestPath;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.alg.shortestpath.FloydWarshallShortestPaths;
import org.jgrapht.alg.shortestpath.SuurballeKDisjointShortestPaths;
import org.jgrapht.alg.shortestpath.YenKShortestPath;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleDirectedWeightedGraph;
import org.junit.jupiter.api.Test;

/**
 * Our engine against JGraphT on randomized meshes: random geometric layouts with
 * asymmetric TQ per direction, some one-way and some unusable links, so ties, dead ends
 * and unreachable pairs all occur. JGraphT gets the usable links weighed by our quality
 * cost; both must find the same costs.
 */
class JGraphTCrossCheckTest {

    private static final double EPS = 1e-9;
    private final MutableClock clock = new MutableClock(Mesh.t0());

    /** A randomized mesh loaded into a topology and the same usable links as a JGraphT graph. */
    private final class Pair {
        final TopologyManager topology = new TopologyManager(clock);
        final Graph<NodeId, DefaultWeightedEdge> peer = new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class);
        final List<NodeId> nodes = new ArrayList<>();

        Pair(long seed, int n, double radius) {
            Random random = new Random(seed);
            Mesh mesh = new Mesh(clock);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextDouble();
                y[i] = random.nextDouble();
                mesh.nodes("n" + i);
                nodes.add(id("n" + i));
                peer.addVertex(id("n" + i));
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j && Math.hypot(x[i] - x[j], y[i] - y[j]) < radius && random.nextInt(10) > 0) {
                        // 1 in 10 unusable (TQ below the usable score), the rest spread over 20..255
                        int tq = random.nextInt(10) == 0 ? random.nextInt(12) : 20 + random.nextInt(236);
                        mesh.link("n" + i, "n" + j, LinkMetrics.ofTq(tq));
                    }
                }
            }
            mesh.reportTo(topology, "test");
            for (Link l : topology.snapshot().links().values()) {
                if (l.quality().isUsable()) {
                    peer.setEdgeWeight(peer.addEdge(l.from(), l.to()), l.quality().cost());
                }
            }
        }
    }

    @Test
    void singlePairCostsMatchBothJGraphTDijkstras() {
        for (int round = 0; round < 30; round++) {
            Pair p = new Pair(round, 30 + round * 5, 0.3);
            DijkstraShortestPath<NodeId, DefaultWeightedEdge> dijkstra = new DijkstraShortestPath<>(p.peer);
            BidirectionalDijkstraShortestPath<NodeId, DefaultWeightedEdge> bidi =
                    new BidirectionalDijkstraShortestPath<>(p.peer);
            Random pick = new Random(round);
            for (int q = 0; q < 40; q++) {
                NodeId a = p.nodes.get(pick.nextInt(p.nodes.size()));
                NodeId b = p.nodes.get(pick.nextInt(p.nodes.size()));
                Optional<Path> ours = p.topology.path(a, b, "quality");
                GraphPath<NodeId, DefaultWeightedEdge> theirs = dijkstra.getPath(a, b);
                GraphPath<NodeId, DefaultWeightedEdge> theirsBidi = bidi.getPath(a, b);
                assertEquals(theirs == null, ours.isEmpty(), a + " -> " + b + " round " + round);
                assertEquals(theirs == null, theirsBidi == null);
                if (theirs != null) {
                    assertEquals(theirs.getWeight(), ours.get().cost(), EPS, a + " -> " + b);
                    assertEquals(theirsBidi.getWeight(), ours.get().cost(), EPS, a + " -> " + b);
                    assertEquals(ours.get().cost(), sum(ours.get()), EPS, "the cost is that of its links");
                    assertConnected(ours.get(), a, b);
                }
            }
        }
    }

    @Test
    void diameterMatchesJGraphTAllPairs() {
        for (int round = 0; round < 15; round++) {
            Pair p = new Pair(100 + round, 20 + round * 4, 0.35);
            FloydWarshallShortestPaths<NodeId, DefaultWeightedEdge> all = new FloydWarshallShortestPaths<>(p.peer);
            double diameter = 0;
            for (NodeId a : p.nodes) {
                for (NodeId b : p.nodes) {
                    double d = all.getPathWeight(a, b);
                    if (Double.isFinite(d)) {
                        diameter = Math.max(diameter, d);
                    }
                }
            }
            TopologyStatistics s = p.topology.statistics();
            assertEquals(diameter, s.diameterCost(), EPS, "round " + round);
            assertEquals(hopDiameter(p), s.diameterHops(), "round " + round);
            // the eccentricities behind it, node by node
            var ecc = p.topology.eccentricities();
            for (NodeId a : p.nodes) {
                double e = 0;
                for (NodeId b : p.nodes) {
                    double d = all.getPathWeight(a, b);
                    if (Double.isFinite(d)) {
                        e = Math.max(e, d);
                    }
                }
                assertEquals(e, ecc.cost().get(a), EPS, a + " round " + round);
            }
        }
    }

    @Test
    void parallelAnalysisMatchesTheSequentialOne() throws Exception {
        Pair p = new Pair(7, 300, 0.12);
        CompactGraph g = p.topology.graph();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            GraphStatistics.Analysis seq = GraphStatistics.full(g, g.knownCount(), null, 1);
            GraphStatistics.Analysis par = GraphStatistics.full(g, g.knownCount(), pool, 3);
            assertEquals(seq.statistics(), par.statistics());
            // the bounded diameters, sequential and parallel, against the search from every node
            assertEquals(seq.statistics(), GraphStatistics.of(g, g.knownCount()).statistics());
            assertEquals(seq.statistics(), GraphStatistics.of(g, g.knownCount(), pool, 3).statistics());
            assertTrue(java.util.Arrays.equals(seq.costEccentricity(), par.costEccentricity()));
            assertTrue(java.util.Arrays.equals(seq.hopEccentricity(), par.hopEccentricity()));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Both directions of every link usable: strongly connected, so the bounds prune most nodes. */
    @Test
    void boundedDiametersOfStronglyConnectedMeshesMatchTheFullSearch() {
        for (int round = 0; round < 5; round++) {
            Random random = new Random(500 + round);
            TopologyManager t = new TopologyManager(clock);
            Mesh mesh = new Mesh(clock);
            int n = 400;
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextDouble();
                y[i] = random.nextDouble();
                mesh.nodes("n" + i);
            }
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (Math.hypot(x[i] - x[j], y[i] - y[j]) < 0.12) {
                        mesh.tq("n" + i, "n" + j, 40 + random.nextInt(216)).tq("n" + j, "n" + i, 40 + random.nextInt(216));
                    }
                }
            }
            mesh.reportTo(t, "test");
            CompactGraph g = t.graph();
            assertEquals(GraphStatistics.full(g, g.knownCount(), null, 1).statistics(),
                    GraphStatistics.of(g, g.knownCount()).statistics(), "round " + round);
        }
    }

    @Test
    void kShortestPathsMatchJGraphTYen() {
        for (int round = 0; round < 20; round++) {
            Pair p = new Pair(200 + round, 25, 0.35);
            YenKShortestPath<NodeId, DefaultWeightedEdge> yen = new YenKShortestPath<>(p.peer);
            Random pick = new Random(round);
            for (int q = 0; q < 10; q++) {
                NodeId a = p.nodes.get(pick.nextInt(p.nodes.size()));
                NodeId b = p.nodes.get(pick.nextInt(p.nodes.size()));
                if (a.equals(b)) {
                    continue;
                }
                List<Path> ours = p.topology.paths(a, b, 6, "quality");
                List<GraphPath<NodeId, DefaultWeightedEdge>> theirs = yen.getPaths(a, b, 6);
                assertEquals(theirs.size(), ours.size(), a + " -> " + b + " round " + round);
                Set<List<NodeId>> distinct = new HashSet<>();
                for (int i = 0; i < ours.size(); i++) {
                    assertEquals(theirs.get(i).getWeight(), ours.get(i).cost(), EPS, "path " + i);
                    assertConnected(ours.get(i), a, b);
                    assertEquals(ours.get(i).hops().size(), new HashSet<>(ours.get(i).hops()).size(), "loopless");
                    assertTrue(distinct.add(ours.get(i).hops()), "no path twice");
                }
            }
        }
    }

    /**
     * JGraphT's Suurballe trips over rounding on fractional weights ("Expected zero weight
     * edge along the path"), so it is compared on hop counts, where weights are whole.
     */
    @Test
    void linkDisjointPairsByHopsMatchJGraphTSuurballeAndShareNoLink() {
        int pairs = 0;
        for (int round = 0; round < 20; round++) {
            Pair p = new Pair(300 + round, 30, 0.35);
            p.peer.edgeSet().forEach(e -> p.peer.setEdgeWeight(e, 1));
            SuurballeKDisjointShortestPaths<NodeId, DefaultWeightedEdge> suurballe =
                    new SuurballeKDisjointShortestPaths<>(p.peer);
            Random pick = new Random(round);
            for (int q = 0; q < 10; q++) {
                NodeId a = p.nodes.get(pick.nextInt(p.nodes.size()));
                NodeId b = p.nodes.get(pick.nextInt(p.nodes.size()));
                if (a.equals(b)) {
                    continue;
                }
                Optional<PathPair> ours = p.topology.disjointPaths(a, b, Disjointness.LINK, "hops");
                List<GraphPath<NodeId, DefaultWeightedEdge>> theirs;
                try {
                    theirs = suurballe.getPaths(a, b, 2);
                } catch (IllegalArgumentException unreachable) {
                    theirs = List.of();
                }
                assertEquals(theirs.size() == 2, ours.isPresent(), a + " -> " + b + " round " + round);
                if (ours.isPresent()) {
                    pairs++;
                    PathPair pp = ours.get();
                    assertEquals(theirs.get(0).getWeight() + theirs.get(1).getWeight(), pp.totalCost(), EPS);
                    assertTrue(pp.primary().cost() <= pp.backup().cost());
                    assertConnected(pp.primary(), a, b);
                    assertConnected(pp.backup(), a, b);
                    assertTrue(linkDisjoint(pp.primary(), pp.backup()), pp.toString());
                }
            }
        }
        assertTrue(pairs > 50, "enough pairs exercised: " + pairs);
    }

    @Test
    void disjointPairsByQualityAreTheCheapestByExhaustiveSearch() {
        int linkPairs = 0;
        int nodePairs = 0;
        for (int round = 0; round < 40; round++) {
            Pair p = new Pair(400 + round, 7, 0.6);
            AllDirectedPaths<NodeId, DefaultWeightedEdge> all = new AllDirectedPaths<>(p.peer);
            Random pick = new Random(round);
            for (int q = 0; q < 6; q++) {
                NodeId a = p.nodes.get(pick.nextInt(p.nodes.size()));
                NodeId b = p.nodes.get(pick.nextInt(p.nodes.size()));
                if (a.equals(b)) {
                    continue;
                }
                List<GraphPath<NodeId, DefaultWeightedEdge>> simple = all.getAllPaths(a, b, true, null);
                double bestNode = Double.POSITIVE_INFINITY;
                double bestLink = Double.POSITIVE_INFINITY;
                for (int i = 0; i < simple.size(); i++) {
                    for (int j = i + 1; j < simple.size(); j++) {
                        List<NodeId> pi = simple.get(i).getVertexList();
                        List<NodeId> pj = simple.get(j).getVertexList();
                        double total = simple.get(i).getWeight() + simple.get(j).getWeight();
                        if (nodeDisjoint(pi, pj)) {
                            bestNode = Math.min(bestNode, total);
                        }
                        if (linkDisjoint(pi, pj)) {
                            bestLink = Math.min(bestLink, total);
                        }
                    }
                }
                Optional<PathPair> byNode = p.topology.disjointPaths(a, b, Disjointness.NODE, "quality");
                assertEquals(Double.isFinite(bestNode), byNode.isPresent(), a + " -> " + b + " round " + round);
                if (byNode.isPresent()) {
                    nodePairs++;
                    assertEquals(bestNode, byNode.get().totalCost(), 1e-6, a + " -> " + b + " round " + round);
                    assertTrue(nodeDisjoint(byNode.get().primary().hops(), byNode.get().backup().hops()));
                }
                Optional<PathPair> byLink = p.topology.disjointPaths(a, b, Disjointness.LINK, "quality");
                assertEquals(Double.isFinite(bestLink), byLink.isPresent(), a + " -> " + b + " round " + round);
                if (byLink.isPresent()) {
                    linkPairs++;
                    assertEquals(bestLink, byLink.get().totalCost(), 1e-6, a + " -> " + b + " round " + round);
                    assertTrue(linkDisjoint(byLink.get().primary(), byLink.get().backup()));
                }
            }
        }
        assertTrue(nodePairs > 30 && linkPairs > 30, "enough pairs exercised: " + nodePairs + ", " + linkPairs);
    }

    /** No link in common, counting a->b and b->a as one link. */
    private static boolean linkDisjoint(Path p, Path q) {
        return linkDisjoint(p.hops(), q.hops());
    }

    private static boolean linkDisjoint(List<NodeId> p, List<NodeId> q) {
        Set<LinkId> used = new HashSet<>();
        for (int i = 0; i + 1 < p.size(); i++) {
            used.add(Criticality.undirected(p.get(i), p.get(i + 1)));
        }
        for (int i = 0; i + 1 < q.size(); i++) {
            if (used.contains(Criticality.undirected(q.get(i), q.get(i + 1)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean nodeDisjoint(List<NodeId> p, List<NodeId> q) {
        Set<NodeId> inner = new HashSet<>(p.subList(1, p.size() - 1));
        for (NodeId n : q.subList(1, q.size() - 1)) {
            if (inner.contains(n)) {
                return false;
            }
        }
        // two direct links a->b would be the same link
        return !(p.size() == 2 && q.size() == 2);
    }

    /** The hop diameter by JGraphT: BFS-like Dijkstra with unit weights on a copy. */
    private static int hopDiameter(Pair p) {
        Graph<NodeId, DefaultWeightedEdge> unit = new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class);
        p.peer.vertexSet().forEach(unit::addVertex);
        p.peer.edgeSet().forEach(e -> unit.setEdgeWeight(unit.addEdge(p.peer.getEdgeSource(e), p.peer.getEdgeTarget(e)), 1));
        FloydWarshallShortestPaths<NodeId, DefaultWeightedEdge> all = new FloydWarshallShortestPaths<>(unit);
        double d = 0;
        for (NodeId a : p.nodes) {
            for (NodeId b : p.nodes) {
                double x = all.getPathWeight(a, b);
                if (Double.isFinite(x)) {
                    d = Math.max(d, x);
                }
            }
        }
        return (int) d;
    }

    private static double sum(Path p) {
        return p.links().stream().mapToDouble(l -> l.quality().cost()).sum();
    }

    private static void assertConnected(Path p, NodeId a, NodeId b) {
        assertEquals(a, p.source());
        assertEquals(b, p.destination());
        for (int i = 0; i < p.links().size(); i++) {
            assertEquals(p.hops().get(i), p.links().get(i).from());
            assertEquals(p.hops().get(i + 1), p.links().get(i).to());
        }
    }
}

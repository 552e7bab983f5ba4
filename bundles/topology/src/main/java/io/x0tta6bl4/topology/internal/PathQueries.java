package io.x0tta6bl4.topology.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.x0tta6bl4.api.topology.Disjointness;
import io.x0tta6bl4.api.topology.LinkWeigher;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.Path;
import io.x0tta6bl4.api.topology.PathPair;
import io.x0tta6bl4.api.topology.QualityWeigher;
import io.x0tta6bl4.api.topology.TopologySnapshot;

/**
 * Path queries over the compiled graph of the newest snapshot, as ONOS keeps its PathManager
 * apart from the topology store: the shortest path by a weigher, the path the mesh routing
 * forwards along, the k shortest, and a disjoint pair. Each query reads one compiled graph, so
 * a concurrent update never mixes two versions; unknown nodes and weighers are refused naming
 * them. Thread-safe.
 */
final class PathQueries {

    private final Supplier<CompactGraph> graph;
    private final Supplier<TopologySnapshot> snapshot;
    private final WeigherRegistry weighers;
    private final Supplier<String> defaultWeigher;

    PathQueries(Supplier<CompactGraph> graph, Supplier<TopologySnapshot> snapshot, WeigherRegistry weighers,
                Supplier<String> defaultWeigher) {
        this.graph = graph;
        this.snapshot = snapshot;
        this.weighers = weighers;
        this.defaultWeigher = defaultWeigher;
    }

    /** By the weigher named, or the configured default (the built-in quality weigher if that is gone). */
    Optional<Path> path(NodeId source, NodeId destination, String weigherName) {
        return path(source, destination, weigher(weigherName));
    }

    Optional<Path> forwardedPath(NodeId source, NodeId destination, String weigherName) {
        LinkWeigher weigher = weigher(weigherName);
        return ForwardedPaths.find(snapshot.get(), source, destination, weigher, (a, b) -> path(a, b, weigher));
    }

    List<Path> paths(NodeId source, NodeId destination, int k, String weigherName) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        LinkWeigher w = weigher(weigherName);
        CompactGraph g = graph.get();
        requireKnown(g, source, destination);
        int src = g.indexOf(source);
        int dst = g.indexOf(destination);
        if (src < 0 || dst < 0) {
            return List.of();
        }
        double[] weights = g.weights(w);
        List<Path> out = new ArrayList<>();
        for (int[] edges : KShortestPaths.find(g, weights, src, dst, k)) {
            out.add(ShortestPaths.path(g, src, edges, weights, w.name()));
        }
        return out;
    }

    Optional<PathPair> disjointPaths(NodeId source, NodeId destination, Disjointness disjointness,
                                     String weigherName) {
        Objects.requireNonNull(disjointness, "disjointness");
        LinkWeigher w = weigher(weigherName);
        CompactGraph g = graph.get();
        requireKnown(g, source, destination);
        if (source.equals(destination)) {
            throw new IllegalArgumentException("a disjoint pair needs two different nodes, got " + source + " twice");
        }
        int src = g.indexOf(source);
        int dst = g.indexOf(destination);
        if (src < 0 || dst < 0) {
            return Optional.empty();
        }
        double[] weights = g.weights(w);
        int[][] pair = DisjointPaths.find(g, weights, src, dst, disjointness);
        if (pair == null) {
            return Optional.empty();
        }
        return Optional.of(new PathPair(ShortestPaths.path(g, src, pair[0], weights, w.name()),
                ShortestPaths.path(g, src, pair[1], weights, w.name()), disjointness));
    }

    private Optional<Path> path(NodeId source, NodeId destination, LinkWeigher weigher) {
        CompactGraph g = graph.get();
        requireKnown(g, source, destination);
        return ShortestPaths.find(g, source, destination, weigher);
    }

    private static void requireKnown(CompactGraph g, NodeId... ids) {
        for (NodeId id : ids) {
            if (!g.isKnown(Objects.requireNonNull(id, "node"))) {
                throw new IllegalArgumentException("unknown node '" + id + "'");
            }
        }
    }

    /** The weigher named; null names the configured default, which falls back to quality when it has gone. */
    private LinkWeigher weigher(String name) {
        if (name == null) {
            LinkWeigher w = weighers.get(defaultWeigher.get());
            return w == null ? QualityWeigher.INSTANCE : w;
        }
        LinkWeigher w = weighers.get(name);
        if (w == null) {
            throw new IllegalArgumentException("unknown weigher '" + name + "', known: "
                    + String.join(", ", weighers.names()));
        }
        return w;
    }
}

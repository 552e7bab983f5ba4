package io.x0tta6bl4.benchmarks;

import java.util.concurrent.TimeUnit;

import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.Path;

import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.BidirectionalDijkstraShortestPath;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-pair shortest path by quality cost over 256 seeded random pairs, one pair per
 * call in turn: {@code TopologyService.path} against JGraphT's Dijkstra and bidirectional
 * Dijkstra on the same graph. The checks before measuring compare every pair's cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SinglePairBenchmark {

    private static final int PAIRS = 256;

    @Param({"1000", "10000"})
    public int size;

    private GeometricMeshes mesh;
    private NodeId[][] pairs;
    private String[][] names;
    private DijkstraShortestPath<String, DefaultWeightedEdge> dijkstra;
    private BidirectionalDijkstraShortestPath<String, DefaultWeightedEdge> bidirectional;
    private int next;

    @Setup(Level.Trial)
    public void load() {
        mesh = new GeometricMeshes(size);
        pairs = mesh.pairs(PAIRS);
        names = new String[PAIRS][];
        dijkstra = new DijkstraShortestPath<>(mesh.jgrapht);
        bidirectional = new BidirectionalDijkstraShortestPath<>(mesh.jgrapht);
        for (int i = 0; i < PAIRS; i++) {
            names[i] = new String[] {pairs[i][0].value(), pairs[i][1].value()};
            double ours = mesh.topology.path(pairs[i][0], pairs[i][1], "quality").orElseThrow().cost();
            double theirs = dijkstra.getPathWeight(names[i][0], names[i][1]);
            double theirsBidi = bidirectional.getPathWeight(names[i][0], names[i][1]);
            if (Math.abs(ours - theirs) > 1e-9 || Math.abs(ours - theirsBidi) > 1e-9) {
                throw new IllegalStateException("costs differ for " + names[i][0] + " -> " + names[i][1]);
            }
        }
    }

    @Benchmark
    public Path x0tta6bl4() {
        NodeId[] p = pairs[next++ & (PAIRS - 1)];
        return mesh.topology.path(p[0], p[1], "quality").orElseThrow();
    }

    @Benchmark
    public GraphPath<String, DefaultWeightedEdge> jgraphtDijkstra() {
        String[] p = names[next++ & (PAIRS - 1)];
        return dijkstra.getPath(p[0], p[1]);
    }

    @Benchmark
    public GraphPath<String, DefaultWeightedEdge> jgraphtBidirectionalDijkstra() {
        String[] p = names[next++ & (PAIRS - 1)];
        return bidirectional.getPath(p[0], p[1]);
    }
}

package io.x0tta6bl4.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.topology.internal.EngineProbe;

import org.jgrapht.alg.interfaces.ShortestPathAlgorithm.SingleSourcePaths;
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
 * Single-source shortest paths (every node's cost from one source) over 64 seeded sources
 * in turn: our Dijkstra on the primitive-array graph against JGraphT's
 * {@code DijkstraShortestPath.getPaths}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SingleSourceBenchmark {

    private static final int SOURCES = 64;

    @Param({"1000", "10000"})
    public int size;

    private GeometricMeshes mesh;
    private List<NodeId> sources;
    private DijkstraShortestPath<String, DefaultWeightedEdge> dijkstra;
    private int next;

    @Setup(Level.Trial)
    public void load() {
        mesh = new GeometricMeshes(size);
        sources = GeometricMeshes.sample(mesh.nodes, SOURCES);
        dijkstra = new DijkstraShortestPath<>(mesh.jgrapht);
        NodeId s = sources.get(0);
        double[] ours = EngineProbe.distances(mesh.topology, s);
        SingleSourcePaths<String, DefaultWeightedEdge> theirs = dijkstra.getPaths(s.value());
        for (int i = 0; i < mesh.nodes.size(); i++) {
            double t = theirs.getWeight(mesh.nodes.get(i).value());
            if (Math.abs(ours[i] - t) > 1e-9 && !(Double.isInfinite(ours[i]) && Double.isInfinite(t))) {
                throw new IllegalStateException("distances differ at " + mesh.nodes.get(i));
            }
        }
    }

    @Benchmark
    public double[] x0tta6bl4() {
        return EngineProbe.distances(mesh.topology, sources.get(next++ & (SOURCES - 1)));
    }

    @Benchmark
    public double jgraphtDijkstra() {
        String s = sources.get(next++ & (SOURCES - 1)).value();
        SingleSourcePaths<String, DefaultWeightedEdge> paths = dijkstra.getPaths(s);
        // the tree is built in getPaths; read one weight so nothing is left lazy
        return paths.getWeight(s);
    }
}

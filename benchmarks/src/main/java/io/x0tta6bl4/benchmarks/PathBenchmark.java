package io.x0tta6bl4.benchmarks;

import java.util.concurrent.TimeUnit;

import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.Path;
import io.x0tta6bl4.sim.internal.MeshShape;
import io.x0tta6bl4.topology.internal.TopologyManager;

import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
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
 * One shortest-path query between the first and the last node of a simulated random
 * mesh: our {@code TopologyService.path} (quality weigher) against JGraphT's Dijkstra on
 * the same graph and weights. Graph construction is outside the measurement for both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PathBenchmark {

    @Param({"30", "1000"})
    public int size;

    private TopologyManager topology;
    private Graph<String, DefaultWeightedEdge> jgrapht;
    private NodeId source;
    private NodeId destination;

    @Setup(Level.Trial)
    public void load() {
        topology = SimulatedMeshes.topology(MeshShape.RANDOM, size, 42);
        jgrapht = SimulatedMeshes.jgrapht(topology.snapshot());
        source = topology.snapshot().nodes().firstKey();
        destination = topology.snapshot().nodes().lastKey();
        Path ours = topology.path(source, destination).orElseThrow();
        double theirs = DijkstraShortestPath.findPathBetween(jgrapht, source.value(), destination.value()).getWeight();
        if (Math.abs(ours.cost() - theirs) > 1e-9) {
            throw new IllegalStateException("costs differ: ours " + ours.cost() + ", JGraphT " + theirs);
        }
    }

    @Benchmark
    public Path x0tta6bl4() {
        return topology.path(source, destination).orElseThrow();
    }

    @Benchmark
    public GraphPath<String, DefaultWeightedEdge> jgraphtDijkstra() {
        return DijkstraShortestPath.findPathBetween(jgrapht, source.value(), destination.value());
    }
}

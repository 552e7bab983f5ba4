package io.x0tta6bl4.benchmarks;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.Path;
import io.x0tta6bl4.api.topology.provider.LinkObservation;

import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.BidirectionalDijkstraShortestPath;
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
 * A link's metrics change and the next path query must see it: our provider call
 * ({@code linkMeasured}: scoring, history, a new version with the graph patched) followed
 * by {@code path}, against JGraphT setting the edge weight and running its bidirectional
 * Dijkstra. The link changed is on the queried path, alternating between two qualities,
 * so the answer really depends on the update.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class UpdateThenQueryBenchmark {

    @Param({"1000", "10000"})
    public int size;

    private GeometricMeshes mesh;
    private NodeId source;
    private NodeId destination;
    private LinkId changed;
    private DefaultWeightedEdge changedEdge;
    private BidirectionalDijkstraShortestPath<String, DefaultWeightedEdge> bidirectional;
    private final LinkMetrics[] metrics = {LinkMetrics.ofTq(250), LinkMetrics.ofTq(60)};
    private int flip;

    @Setup(Level.Trial)
    public void load() {
        mesh = new GeometricMeshes(size);
        NodeId[] pair = mesh.pairs(1)[0];
        source = pair[0];
        destination = pair[1];
        Path p = mesh.topology.path(source, destination, "quality").orElseThrow();
        Link middle = p.links().get(p.links().size() / 2);
        changed = middle.id();
        changedEdge = mesh.jgrapht.getEdge(changed.from().value(), changed.to().value());
        bidirectional = new BidirectionalDijkstraShortestPath<>(mesh.jgrapht);
    }

    @Benchmark
    public Path x0tta6bl4() {
        LinkMetrics m = metrics[flip++ & 1];
        mesh.topology.linkMeasured("sim", new LinkObservation(changed, m, Instant.EPOCH));
        return mesh.topology.path(source, destination, "quality").orElseThrow();
    }

    @Benchmark
    public GraphPath<String, DefaultWeightedEdge> jgraphtBidirectionalDijkstra() {
        LinkMetrics m = metrics[flip++ & 1];
        mesh.jgrapht.setEdgeWeight(changedEdge, 255.0 / m.tq());
        return bidirectional.getPath(source.value(), destination.value());
    }
}

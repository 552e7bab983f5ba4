package io.x0tta6bl4.benchmarks;

import java.time.Instant;

import io.x0tta6bl4.api.topology.Link;
import io.x0tta6bl4.api.topology.TopologySnapshot;
import io.x0tta6bl4.sim.internal.MeshGenerator;
import io.x0tta6bl4.sim.internal.MeshShape;
import io.x0tta6bl4.sim.internal.Round;
import io.x0tta6bl4.sim.internal.Simulation;
import io.x0tta6bl4.topology.internal.TopologyManager;

import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleDirectedWeightedGraph;

/** The same simulated mesh loaded into our topology service and into a JGraphT graph. */
final class SimulatedMeshes {

    private SimulatedMeshes() {
    }

    static TopologyManager topology(MeshShape shape, int size, long seed) {
        Round round = new Simulation(MeshGenerator.generate(shape, size, seed)).nextRound(Instant.now(), 0.1);
        TopologyManager topology = new TopologyManager();
        topology.report("sim", round.nodes(), round.links());
        return topology;
    }

    /** Vertices are node ids, edge weights the links' quality cost, as our default weigher uses. */
    static Graph<String, DefaultWeightedEdge> jgrapht(TopologySnapshot snapshot) {
        Graph<String, DefaultWeightedEdge> g = new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class);
        snapshot.nodes().keySet().forEach(id -> g.addVertex(id.value()));
        for (Link link : snapshot.links().values()) {
            if (link.quality().isUsable()) {
                DefaultWeightedEdge e = g.addEdge(link.from().value(), link.to().value());
                g.setEdgeWeight(e, link.quality().cost());
            }
        }
        return g;
    }
}

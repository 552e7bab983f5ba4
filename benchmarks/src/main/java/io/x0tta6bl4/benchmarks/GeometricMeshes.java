package io.x0tta6bl4.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.sim.internal.MeshGenerator;
import io.x0tta6bl4.sim.internal.Round;
import io.x0tta6bl4.sim.internal.Simulation;
import io.x0tta6bl4.topology.internal.TopologyManager;

import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;

/**
 * The benchmark meshes: seeded random geometric meshes with about six neighbours a node,
 * joined into one piece, loaded into our topology service and into a JGraphT graph with
 * the same usable links and the same weights (our quality cost).
 */
final class GeometricMeshes {

    static final long SEED = 42;
    static final double DEGREE = 6;

    final TopologyManager topology;
    final Graph<String, DefaultWeightedEdge> jgrapht;
    final Simulation simulation;
    final List<NodeId> nodes;

    GeometricMeshes(int size) {
        simulation = new Simulation(MeshGenerator.randomGeometric(size, SEED, DEGREE));
        Round round = simulation.nextRound(Instant.now(), 0.1);
        topology = new TopologyManager();
        topology.report("sim", round.nodes(), round.links());
        jgrapht = SimulatedMeshes.jgrapht(topology.snapshot());
        nodes = List.copyOf(topology.snapshot().nodes().keySet());
    }

    /** Seeded source/destination pairs, the same for every engine. */
    NodeId[][] pairs(int count) {
        Random random = new Random(SEED);
        NodeId[][] out = new NodeId[count][];
        for (int i = 0; i < count; i++) {
            out[i] = new NodeId[] {nodes.get(random.nextInt(nodes.size())), nodes.get(random.nextInt(nodes.size()))};
        }
        return out;
    }

    static List<NodeId> sample(List<NodeId> nodes, int count) {
        Random random = new Random(SEED + 1);
        List<NodeId> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(nodes.get(random.nextInt(nodes.size())));
        }
        return out;
    }
}

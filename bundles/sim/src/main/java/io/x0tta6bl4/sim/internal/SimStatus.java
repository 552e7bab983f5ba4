package io.x0tta6bl4.sim.internal;

import java.util.List;

import io.x0tta6bl4.api.topology.NodeId;

/**
 * What {@code sim:status} shows.
 *
 * @param config        the configuration in force
 * @param nodes         simulated nodes, alive or not
 * @param links         bidirectional links of the generated mesh
 * @param alive         nodes reported on each tick
 * @param failedNodes   nodes failed by the operator
 * @param degradedLinks links degraded by the operator
 * @param ticks         reports attempted since activation
 */
public record SimStatus(SimConfig config, int nodes, int links, int alive, List<NodeId> failedNodes,
                        List<Simulation.DegradedLink> degradedLinks, long ticks) {

    public SimStatus {
        failedNodes = List.copyOf(failedNodes);
        degradedLinks = List.copyOf(degradedLinks);
    }
}

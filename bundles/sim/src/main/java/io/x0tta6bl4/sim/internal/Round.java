package io.x0tta6bl4.sim.internal;

import java.util.List;

import io.x0tta6bl4.api.topology.provider.LinkObservation;
import io.x0tta6bl4.api.topology.provider.NodeObservation;

/** What one tick reports: every alive node and every link between alive nodes. */
public record Round(List<NodeObservation> nodes, List<LinkObservation> links) {

    public Round {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }
}

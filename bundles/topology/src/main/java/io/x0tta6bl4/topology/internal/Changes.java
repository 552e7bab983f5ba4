package io.x0tta6bl4.topology.internal;

import java.util.List;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.TopologyEvent;

/** What one change set produced, to be posted once the model's lock is released. */
record Changes(List<TopologyEvent> topology, List<HealthEvent> health) {

    static final Changes NONE = new Changes(List.of(), List.of());

    Changes {
        topology = List.copyOf(topology);
        health = List.copyOf(health);
    }

    boolean isEmpty() {
        return topology.isEmpty() && health.isEmpty();
    }
}

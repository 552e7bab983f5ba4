package io.x0tta6bl4.topology.internal;

import java.util.ArrayList;
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

    /** Both in order, the first's events before the second's. */
    static Changes concat(Changes first, Changes second) {
        if (first.isEmpty()) {
            return second;
        }
        if (second.isEmpty()) {
            return first;
        }
        List<TopologyEvent> t = new ArrayList<>(first.topology);
        t.addAll(second.topology);
        List<HealthEvent> h = new ArrayList<>(first.health);
        h.addAll(second.health);
        return new Changes(t, h);
    }

    boolean isEmpty() {
        return topology.isEmpty() && health.isEmpty();
    }
}

package io.x0tta6bl4.batman.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.provider.LinkObservation;

/**
 * Remembers what the previous rounds showed and names what changed: an originator joined,
 * went silent (down), came back, left the table (batman-adv purged it), or a one-hop link
 * crossed the degradation threshold. Not thread-safe: the poller owns it.
 */
public final class MeshTracker {

    public enum Change { JOINED, DOWN, UP, LEFT, DEGRADED, RESTORED }

    /**
     * @param change what happened
     * @param node   the originator (for links: the far end)
     * @param value  last_seen_msecs for DOWN, the link metric for DEGRADED/RESTORED, else null
     */
    public record Transition(Change change, NodeId node, Double value) {
    }

    private final Set<NodeId> known = new HashSet<>();
    private final Set<NodeId> down = new HashSet<>();
    private final Set<NodeId> degraded = new HashSet<>();

    public List<Transition> apply(MeshRound round, int degradedTq, double degradedMbps) {
        List<Transition> out = new ArrayList<>();
        Set<NodeId> present = new HashSet<>(round.best().keySet());
        present.remove(round.self());
        for (NodeId id : present) {
            boolean silent = round.silent().containsKey(id);
            if (known.add(id)) {
                out.add(new Transition(Change.JOINED, id, null));
            }
            if (silent && down.add(id)) {
                out.add(new Transition(Change.DOWN, id, round.silent().get(id).doubleValue()));
            } else if (!silent && down.remove(id)) {
                out.add(new Transition(Change.UP, id, null));
            }
        }
        for (NodeId id : new ArrayList<>(known)) {
            if (!present.contains(id)) {
                known.remove(id);
                down.remove(id);
                degraded.remove(id);
                out.add(new Transition(Change.LEFT, id, null));
            }
        }
        Map<NodeId, LinkObservation> links = new HashMap<>();
        round.links().forEach(l -> links.put(l.id().to(), l));
        for (LinkObservation l : round.links()) {
            NodeId to = l.id().to();
            Double value = l.metrics().tq() != null ? Double.valueOf(l.metrics().tq())
                    : l.metrics().throughputMbps();
            boolean bad = l.metrics().tq() != null ? l.metrics().tq() < degradedTq
                    : value != null && value < degradedMbps;
            if (bad && degraded.add(to)) {
                out.add(new Transition(Change.DEGRADED, to, value));
            } else if (!bad && degraded.remove(to)) {
                out.add(new Transition(Change.RESTORED, to, value));
            }
        }
        // A silent neighbour's link left the graph: it is down, not degraded.
        degraded.removeIf(id -> !links.containsKey(id) && down.contains(id));
        return out;
    }

    public Set<NodeId> down() {
        return Set.copyOf(down);
    }
}

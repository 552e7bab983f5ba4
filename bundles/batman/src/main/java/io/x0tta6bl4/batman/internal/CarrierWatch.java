package io.x0tta6bl4.batman.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.x0tta6bl4.api.topology.NodeId;

/**
 * Turns the carrier of this node's hard interfaces, read every poll, into link changes: when an
 * interface loses carrier, every one-hop link heard over it within the last minute is down; when the carrier is back, the same links are up. Only carrier, not OGM
 * silence: a lossy radio link misses OGMs all the time, and batman-adv's TQ (LINK_DEGRADED) is
 * the signal for that; a link that really drops (a tunnel, a cable, a radio that loses its
 * peer) loses carrier at once. Not thread-safe: the poller owns it.
 */
final class CarrierWatch {

    /** How long a link heard over an interface is still taken to live there. */
    static final long MEMORY_MS = 60_000;

    /**
     * @param peer  the far end of the link
     * @param iface the hard interface that lost (or got back) carrier
     * @param lost  down rather than up
     */
    record Change(NodeId peer, String iface, boolean lost) {
    }

    /** iface -> peer -> when its link was last seen over it (epoch ms) */
    private final Map<String, Map<NodeId, Long>> heard = new HashMap<>();
    /** iface without carrier -> the links reported down with it */
    private final Map<String, Set<NodeId>> lost = new HashMap<>();

    /**
     * @param hardifs   the mesh's hard interfaces now, null when unknown: one that left it (taken
     *                  out while its link flaps, say) takes its links' state with it, neither down nor up
     * @param noCarrier those of them without carrier
     */
    List<Change> apply(MeshRound round, List<Originator> originators, Set<String> hardifs, Set<String> noCarrier,
                       long now) {
        List<Change> out = new ArrayList<>();
        if (hardifs != null) {
            lost.keySet().retainAll(hardifs);
            heard.keySet().retainAll(hardifs);
        }
        for (Iterator<Map.Entry<String, Set<NodeId>>> it = lost.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Set<NodeId>> e = it.next();
            if (!noCarrier.contains(e.getKey())) {
                e.getValue().forEach(peer -> out.add(new Change(peer, e.getKey(), false)));
                it.remove();
            }
        }
        // every neighbour heard directly over an interface with carrier, best route or not; a peer's
        // secondary interface (its own originator under IV) stands for the peer
        for (Originator o : originators) {
            NodeId peer = NodeId.of(o.address());
            if (o.direct() && !noCarrier.contains(o.hardIfname()) && !peer.equals(round.self())) {
                heard.computeIfAbsent(o.hardIfname(), k -> new HashMap<>()).put(round.owner(peer), now);
            }
        }
        for (String iface : new TreeSet<>(noCarrier)) {
            if (lost.containsKey(iface)) {
                continue;
            }
            Set<NodeId> down = new TreeSet<>();
            heard.getOrDefault(iface, Map.of()).forEach((peer, at) -> {
                if (now - at <= MEMORY_MS) {
                    down.add(peer);
                }
            });
            if (!down.isEmpty()) {
                lost.put(iface, down);
                down.forEach(peer -> out.add(new Change(peer, iface, true)));
            }
        }
        heard.values().forEach(m -> m.values().removeIf(at -> now - at > MEMORY_MS));
        heard.values().removeIf(Map::isEmpty);
        return out;
    }

    /**
     * Each peer's one-hop link with the hard interface it was last heard over, or lost with: what
     * a link action needs when batman-adv has dropped the routes over an interface that went down.
     */
    Map<NodeId, String> interfaces() {
        Map<NodeId, String> out = new HashMap<>();
        Map<NodeId, Long> latest = new HashMap<>();
        heard.forEach((iface, peers) -> peers.forEach((peer, at) -> {
            if (at >= latest.getOrDefault(peer, Long.MIN_VALUE)) {
                latest.put(peer, at);
                out.put(peer, iface);
            }
        }));
        lost.forEach((iface, peers) -> peers.forEach(peer -> out.put(peer, iface)));
        return Map.copyOf(out);
    }
}

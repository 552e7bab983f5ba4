package io.x0tta6bl4.topology.internal;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.x0tta6bl4.api.topology.LinkId;
import io.x0tta6bl4.api.topology.Node;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeRole;
import io.x0tta6bl4.api.topology.NodeState;

/** The model's mutable record of a node; only touched under the model's lock. */
final class NodeEntry {

    final NodeId id;
    /** Providers that reported the node and have not withdrawn it. */
    final Set<String> owners = new TreeSet<>();
    /** Links leaving or entering the node, so state changes find them without a scan. */
    final Set<LinkId> links = new HashSet<>();
    final Map<String, String> attributes = new TreeMap<>();
    List<String> addresses = List.of();
    NodeRole role = NodeRole.PEER;
    NodeState state = NodeState.UP;
    Instant firstSeen;
    Instant lastSeen;
    Instant downSince;

    NodeEntry(NodeId id, Instant firstSeen) {
        this.id = id;
        this.firstSeen = firstSeen;
        this.lastSeen = firstSeen;
    }

    boolean isUp() {
        return state == NodeState.UP;
    }

    Node toNode() {
        Map<String, String> attrs = new TreeMap<>(attributes);
        attrs.put(Node.ATTR_PROVIDER, String.join(",", owners));
        return new Node(id, addresses, role, state, firstSeen, lastSeen, attrs);
    }
}

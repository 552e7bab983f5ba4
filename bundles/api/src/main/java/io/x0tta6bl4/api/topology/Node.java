package io.x0tta6bl4.api.topology;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A mesh node in a topology snapshot.
 *
 * @param id         the node's identity
 * @param addresses  addresses the provider knows for it (MAC, IP), possibly empty
 * @param role       its role in the mesh
 * @param state      UP or DOWN
 * @param firstSeen  when any provider first reported it
 * @param lastSeen   when a provider last reported it
 * @param attributes free-form facts (hostname, firmware, provider, ...); see {@link #ATTR_PROVIDER}
 */
public record Node(NodeId id, List<String> addresses, NodeRole role, NodeState state,
                   Instant firstSeen, Instant lastSeen, Map<String, String> attributes) {

    /** Attribute naming the provider that reported the node. */
    public static final String ATTR_PROVIDER = "provider";

    /**
     * Attribute of a node as the local node's provider sees it: the address of the neighbour
     * the mesh's own routing forwards to towards that node now (batman-adv: the best next hop of
     * its originator table), one of that neighbour's {@link #addresses()} or its id.
     */
    public static final String ATTR_NEXT_HOP = "batman.nexthop";

    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public boolean isUp() {
        return state == NodeState.UP;
    }

    public Node withState(NodeState newState) {
        return new Node(id, addresses, role, newState, firstSeen, lastSeen, attributes);
    }
}

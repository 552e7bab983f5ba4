package io.x0tta6bl4.api.topology.provider;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.NodeRole;

/**
 * A provider saw a node alive.
 *
 * @param id         the node
 * @param addresses  addresses known for it, possibly empty
 * @param role       its role
 * @param attributes facts to merge into the node's attributes
 * @param at         when it was seen (for batman-adv: now minus {@code last_seen_msecs})
 */
public record NodeObservation(NodeId id, List<String> addresses, NodeRole role,
                              Map<String, String> attributes, Instant at) {

    public NodeObservation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(at, "at");
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static NodeObservation seen(NodeId id, Instant at) {
        return new NodeObservation(id, List.of(), NodeRole.PEER, Map.of(), at);
    }
}

package io.x0tta6bl4.api.respondd;

import java.time.Instant;
import java.util.Objects;

/**
 * One node's reply to the collector, as plain JSON of the types a mesh provider reads.
 *
 * @param nodeId     respondd's node id (12 hex digits)
 * @param nodeinfo   the {@code nodeinfo} object as JSON text; never null
 * @param neighbours the {@code neighbours} object as JSON text, or null when the node sent none
 * @param verified   whether the node's own verified signature covers the reply
 * @param at         when the reply arrived
 */
public record CollectedReply(String nodeId, String nodeinfo, String neighbours, boolean verified, Instant at) {

    public CollectedReply {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(nodeinfo, "nodeinfo");
        Objects.requireNonNull(at, "at");
    }
}

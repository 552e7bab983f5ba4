package io.x0tta6bl4.api.identity;

import java.net.InetSocketAddress;
import java.util.Optional;

import io.x0tta6bl4.api.topology.NodeId;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where a peer's mTLS control listener accepts attestations, as the peer itself signed it.
 * Registered by a mesh provider that learns endpoints from signed node facts (the batman
 * bundle, from alfred); used by whoever has to attest a peer again (healing's re-attest).
 * An endpoint an unsigned, invalid or stale record names is never returned: a neighbour
 * must not be able to point the attestation of a good node at an address of its choice.
 */
@ConsumerType
public interface PeerEndpoints {

    /**
     * The control endpoint from the peer's latest valid, fresh signed facts, whose signer's
     * SPIFFE ID names that node; empty when none is known.
     */
    Optional<InetSocketAddress> controlEndpoint(NodeId node);
}

package io.x0tta6bl4.api.identity;

import java.util.Map;
import java.util.Optional;

import io.x0tta6bl4.api.topology.NodeId;
import org.osgi.annotation.versioning.ProviderType;

/** The latest attestation result per peer node, from attestations in either direction. */
@ProviderType
public interface PeerAttestations {

    /** The latest result for the node, if it was ever attested or tried. */
    Optional<AttestationResult> result(NodeId node);

    /** An immutable copy of the latest result per node. */
    Map<NodeId, AttestationResult> all();

    /** True when the node's latest result is a success and its SVID has not expired. */
    default boolean isAttested(NodeId node) {
        return result(node).map(r -> r.attested() && r.notAfter() != null
                && r.notAfter().isAfter(java.time.Instant.now())).orElse(false);
    }
}

/**
 * SPIFFE identity of this node and attestation of its peers: the node's own identity
 * state, a {@link io.x0tta6bl4.api.identity.NodeAttestor} that checks a peer's SVID chain
 * against the trust bundle and the node ID policy, and the recorded results per peer.
 * Since 1.1 the identity service signs bytes with the node's SVID and verifies peers'
 * signatures ({@link io.x0tta6bl4.api.identity.SvidSignature}).
 * Since 1.3 a mesh provider publishes peers' signed control endpoints
 * ({@link io.x0tta6bl4.api.identity.PeerEndpoints}).
 * Health event kinds posted by the identity area are in
 * {@link io.x0tta6bl4.api.identity.IdentityHealth}.
 */
@Version("1.3.0")
package io.x0tta6bl4.api.identity;

import org.osgi.annotation.versioning.Version;

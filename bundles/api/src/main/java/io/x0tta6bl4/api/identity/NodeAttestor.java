package io.x0tta6bl4.api.identity;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;

import io.x0tta6bl4.api.topology.NodeId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Verifies peers' identities against this node's trust bundle and node ID policy (trust
 * domain, path pattern, validity period).
 */
@ProviderType
public interface NodeAttestor {

    /**
     * Connects to the peer's mTLS control listener at {@code address}, with a finite timeout,
     * and verifies the SVID it presents. Blocks the caller for at most the configured
     * connect plus handshake timeout. The result is recorded in {@link PeerAttestations}.
     *
     * @param node the node expected at the address, or null to accept any node ID matching the pattern
     */
    AttestationResult attest(NodeId node, InetSocketAddress address);

    /**
     * Verifies a certificate chain (leaf first) without network access. Not recorded.
     *
     * @param expectedNode the node the chain must belong to, or null to accept any node
     */
    AttestationResult verify(List<X509Certificate> chain, NodeId expectedNode);
}

package io.x0tta6bl4.identity.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import io.x0tta6bl4.api.topology.NodeId;

/** What the identity: commands need beyond the exported API; private to this bundle. */
public interface IdentityAdmin {

    /** The SVID chain in hand, leaf first; empty when there is none. */
    List<X509Certificate> chain();

    /** The trust bundle in hand; empty when there is none. */
    List<X509Certificate> bundle();

    /** The trust domain peers must belong to, if known. */
    Optional<String> trustDomain();

    /** Description of the configured source, e.g. {@code workload API unix:/run/spire/agent.sock}. */
    String sourceDescription();

    /** This node's id. */
    NodeId nodeId();

    /** The node ID pattern in force. */
    String idPattern();

    /** Addresses the mTLS listener is bound to; empty when it is not listening. */
    List<InetSocketAddress> listening();

    /**
     * Creates a development trust-domain CA and this node's SVID files, and switches the
     * source to them. Returns the directory written.
     *
     * @throws IllegalArgumentException for a bad trust domain or when files exist and force is false
     */
    String bootstrap(String trustDomain, boolean force) throws IOException;
}

package io.x0tta6bl4.api.identity;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** This node's own SPIFFE identity, and signatures made and checked with SVIDs. */
@ProviderType
public interface IdentityService {

    /** Current state; never null. */
    IdentityState state();

    /** One line saying why the state is what it is, e.g. the source error; never null. */
    String stateReason();

    /** The SPIFFE ID of this node's current X.509-SVID, if it has one. */
    Optional<String> spiffeId();

    /** Expiry of the current SVID's leaf certificate, if there is one. */
    Optional<Instant> notAfter();

    /** True when the identity comes from the local development bootstrap CA. */
    boolean isDevelopment();

    /** Asks the source to fetch or reload the SVID now. Returns at once; the work is asynchronous. */
    void refresh();

    /**
     * Signs {@code data} with the current SVID's private key. Empty when this node has no
     * SVID in hand (or the key cannot sign, which is logged by the identity bundle).
     *
     * @since 1.1
     */
    Optional<SvidSignature> sign(byte[] data);

    /**
     * Verifies a peer's signature over {@code data}: the chain exactly as
     * {@link NodeAttestor#verify} does (this node's trust bundle and node ID policy, any
     * node), then the signature with the leaf's public key. A failure's reason says which
     * check failed, e.g. {@code "signature does not match the data"}.
     *
     * @since 1.1
     */
    AttestationResult verifySignature(byte[] data, SvidSignature signature);

    /**
     * Where this node's mTLS control listener accepts peers' attestations right now (empty
     * while it is not bound). Other bundles publish these so that peers can attest this node.
     *
     * @since 1.2
     */
    List<InetSocketAddress> controlEndpoints();
}

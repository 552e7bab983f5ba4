package io.x0tta6bl4.identity.internal;

import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.IdentityHealth;
import io.x0tta6bl4.api.identity.SvidSignature;
import io.x0tta6bl4.api.topology.NodeId;

/**
 * Checks what peers present, in both directions: the chain of a listener this node attests
 * (through {@link Attester}), the chain of a client of our own listener, and signatures made
 * with an SVID. Every check reads the SVID's trust bundle, the trust domain and the id
 * pattern in force at that moment, so a rotation or a reconfiguration applies to the next
 * handshake. Proven results go to {@link PeerRecords}; failures become peer events through
 * the throttle, since any neighbour can cause them.
 */
final class PeerAttestor {

    private final Supplier<SvidMaterial> svid;
    private final Supplier<Optional<String>> trustDomain;
    private final Supplier<IdPolicy> policy;
    private final PeerRecords peers;
    private final IdentityEvents events;

    /**
     * Clients of our listener: recorded only once their handshake completed, so a certificate
     * that names a node without its key changes nothing; a failure names only the address.
     */
    private final MtlsListener.Incoming incoming = new MtlsListener.Incoming() {
        @Override
        public void attested(AttestationResult proven, InetSocketAddress from) {
            if (proven.node() != null) {
                peers.record(proven);
            }
        }

        @Override
        public void failed(InetSocketAddress from, String reason) {
            String ip = from.getAddress().getHostAddress();
            events.postLimited(HealthEvent.of(IdentityHealth.AREA, IdentityHealth.PEER_ATTESTATION_FAILED, ip,
                    Severity.WARNING, IdentityEvents.SOURCE_NAME).withDetails("incoming from " + ip + ":"
                    + from.getPort() + ": " + reason));
        }
    };

    /**
     * @param svid        the SVID in hand, or null
     * @param trustDomain the configured trust domain, else the SVID's
     * @param policy      the id pattern in force
     */
    PeerAttestor(Supplier<SvidMaterial> svid, Supplier<Optional<String>> trustDomain, Supplier<IdPolicy> policy,
                 PeerRecords peers, IdentityEvents events) {
        this.svid = svid;
        this.trustDomain = trustDomain;
        this.policy = policy;
        this.peers = peers;
        this.events = events;
    }

    /** For the control listeners: what to do with each client. */
    MtlsListener.Incoming incoming() {
        return incoming;
    }

    /**
     * Attests the listener at {@code address}. A success is recorded under the node the
     * handshake proved, a failure only under the node we meant to reach.
     *
     * @param noSvid why this node has no SVID, for the failure when it has none
     */
    AttestationResult attest(NodeId node, InetSocketAddress address, IdentityConfig cfg, Supplier<String> noSvid) {
        Attester.Outcome o = Attester.attest(node, address, new Attester.ContextFactory() {
            @Override
            public SSLContext create(NodeId expected, AtomicReference<AttestationResult> checked)
                    throws GeneralSecurityException {
                SvidMaterial own = svid.get();
                if (own == null) {
                    throw new GeneralSecurityException("this node has no SVID (" + noSvid.get() + ")");
                }
                return Tls.context(own, (chain, role) -> PeerAttestor.this.verify(chain, expected, role), checked::set);
            }

            @Override
            public AttestationResult verify(List<X509Certificate> chain, NodeId expected) {
                return PeerAttestor.this.verify(chain, expected, ChainVerifier.Role.SERVER);
            }
        }, cfg.connectTimeoutMs(), cfg.handshakeTimeoutMs());
        AttestationResult r = o.result();
        NodeId who = o.kind() == Attester.Kind.ATTESTED ? r.node() : node;
        String subject = who != null ? who.value() : address.getHostString() + ":" + address.getPort();
        if (who != null) {
            peers.attempted(who, o);
        }
        if (o.kind() == Attester.Kind.UNREACHABLE) {
            events.postLimited(HealthEvent.of(IdentityHealth.AREA, IdentityHealth.PEER_UNATTESTED, subject,
                    Severity.WARNING, IdentityEvents.SOURCE_NAME).withDetails(r.reason()));
        } else if (o.kind() == Attester.Kind.FAILED) {
            events.postLimited(HealthEvent.of(IdentityHealth.AREA, IdentityHealth.PEER_ATTESTATION_FAILED, subject,
                    Severity.WARNING, IdentityEvents.SOURCE_NAME).withDetails(r.reason()));
        }
        return r;
    }

    /** Checks a chain against our trust bundle, for the TLS role the peer plays. */
    AttestationResult verify(List<X509Certificate> chain, NodeId expectedNode, ChainVerifier.Role role) {
        SvidMaterial own = svid.get();
        return ChainVerifier.verify(chain, expectedNode, trustDomain.get().orElse(null),
                own == null ? List.of() : own.bundle(), policy.get(), Instant.now(), role);
    }

    AttestationResult verifySignature(byte[] data, SvidSignature signature) {
        SvidMaterial own = svid.get();
        return SvidSignatures.verify(data, signature, trustDomain.get().orElse(null),
                own == null ? List.of() : own.bundle(), policy.get(), Instant.now());
    }
}

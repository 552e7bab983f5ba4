package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.identity.IdentityService;
import io.x0tta6bl4.api.identity.NodeAttestor;
import io.x0tta6bl4.api.identity.PeerAttestations;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.batman.internal.alfred.AlfredClient;
import io.x0tta6bl4.batman.internal.alfred.AlfredRecord;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's trust side: the ledger of accepted signed facts, the attestation of up peers
 * at the endpoints they signed, and the allow list that follows attestation (each round is a
 * {@link MeshTrustRound}). Rounds run on the attestation thread; the ledger answers endpoint
 * lookups from any thread.
 */
final class MeshTrust {

    private static final Logger LOG = LoggerFactory.getLogger(MeshTrust.class);

    private final Supplier<NodeAttestor> attestor;
    /** The newest accepted signed facts per node: attestation, the allow list and PeerEndpoints read it. */
    private final FactsLedger ledger = new FactsLedger();
    private final MeshTrustRound round;
    /** Attestation thread only. */
    private String lastError;

    MeshTrust(Supplier<NodeAttestor> attestor) {
        this.attestor = attestor;
        this.round = new MeshTrustRound(ledger, new PeerAttester(attestor, Clock.systemUTC(), LOG::warn),
                new OnceLog(LOG::warn), LOG::info);
    }

    /** Attests the up peers of the poller's last round whose usable signed facts name an endpoint, when due. */
    void attestPeers(BatmanConfig c, MeshPoller.Snapshot s, IdentityService id, MeshGuard guard,
                     PeerAttestations attestations) {
        if (attestor.get() == null || s == null || s.round() == null) {
            return;
        }
        try {
            List<AlfredRecord> records = new AlfredClient(Path.of(c.alfredSocket())).read(c.factsType());
            Set<NodeId> up = new HashSet<>();
            s.round().nodes().forEach(n -> up.add(n.id()));
            // Three missed publications (at least 30 s) make a peer's facts stale.
            long staleMs = Math.max(30_000, 3 * Math.max(c.factsIntervalMs(), 1000));
            round.run(records, id == null ? null : id::verifySignature, s.round().self(), up,
                    System.currentTimeMillis(), c.factsMaxAge(), staleMs, guard, attestations);
            lastError = null;
        } catch (IOException | RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(lastError)) {
                lastError = String.valueOf(e.getMessage());
                LOG.warn("Cannot read peers' facts to attest them (will retry): {}", lastError);
            }
        }
    }

    /** Reads every facts record from alfred and judges it, feeding the ledger (for batman:facts). */
    FactsJudge.Round judge(BatmanConfig c, IdentityService id) throws IOException {
        return FactsJudge.judge(new AlfredClient(Path.of(c.alfredSocket())).read(c.factsType()),
                id == null ? null : id::verifySignature, ledger, System.currentTimeMillis(), c.factsMaxAge());
    }

    /** The node's control endpoint from its newest accepted, fresh signed facts. */
    Optional<InetSocketAddress> controlEndpoint(NodeId node, BatmanConfig c) {
        return node == null ? Optional.empty()
                : ledger.controlEndpoint(node, System.currentTimeMillis(), c.factsMaxAge());
    }
}

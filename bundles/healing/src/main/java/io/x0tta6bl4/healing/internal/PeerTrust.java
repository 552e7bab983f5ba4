package io.x0tta6bl4.healing.internal;

import java.util.List;
import java.util.Optional;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.HealthKinds;
import io.x0tta6bl4.api.healing.ActionRecord;
import io.x0tta6bl4.api.identity.IdentityHealth;
import io.x0tta6bl4.api.identity.PeerAttestations;
import io.x0tta6bl4.api.topology.NodeId;

/**
 * What healing takes as proof about a peer. Peer-trust incidents are keyed by the subject of a
 * health event, and that subject can come from the mesh: a node id a certificate claimed, a
 * remote address, a MAC seen in frames. Such a report proves nothing about the node it names, so
 * a disruptive action (quarantine) on one of these incidents needs a failure healing verified
 * itself: this incident's re-attest reached the node's signed control endpoint and the
 * attestation failed. The node's own attestation record ({@link PeerAttestations}) decides
 * whether an attestation event is current and whether the condition still holds.
 */
final class PeerTrust {

    /** Incident kinds about a peer's trust. */
    static final List<String> KINDS = List.of(HealthKinds.PEER_UNATTESTED, HealthKinds.PEER_ATTESTATION_FAILED);

    private PeerTrust() {
    }

    static boolean isPeerTrust(String kind) {
        return KINDS.contains(kind);
    }

    /** A successful attestation reported by the identity bundle. */
    static boolean isAttestation(HealthEvent s) {
        return IdentityHealth.AREA.equals(s.area()) && IdentityHealth.PEER_ATTESTED.equals(s.kind());
    }

    /** Whether the incident holds a verified failure: a re-attest that was tried at the signed endpoint and failed. */
    static boolean failureVerified(Case c) {
        for (ActionRecord a : c.actions) {
            if (a.action().equals(Reattest.NAME) && a.outcome().equals("FAILED") && a.details().startsWith(Reattest.TRIED)) {
                return true;
            }
        }
        return false;
    }

    /** One line saying the subject is attested right now, when the attestation record says so. */
    static Optional<String> attestedNow(PeerAttestations attestations, String subject) {
        if (attestations == null) {
            return Optional.empty();
        }
        try {
            NodeId node = NodeId.of(subject);
            if (!attestations.isAttested(node)) {
                return Optional.empty();
            }
            return attestations.result(node).map(r -> subject + " is attested now (" + r.spiffeId() + ", " + r.at() + ")");
        } catch (RuntimeException e) {
            return Optional.empty(); // not a node id, or the service going away: no record to go by
        }
    }

    /**
     * Whether the record has a failure as the node's latest result: a PEER_ATTESTED overtaken by
     * a later failure (EventAdmin keeps order only per posting thread) is stale.
     */
    static boolean contradicted(PeerAttestations attestations, String subject) {
        if (attestations == null) {
            return false;
        }
        try {
            return attestations.result(NodeId.of(subject)).map(r -> !r.attested()).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }
}

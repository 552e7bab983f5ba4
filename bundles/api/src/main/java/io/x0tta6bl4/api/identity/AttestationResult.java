package io.x0tta6bl4.api.identity;

import java.time.Instant;
import java.util.Objects;

import io.x0tta6bl4.api.topology.NodeId;

/**
 * The outcome of attesting one peer.
 *
 * @param node     the node the peer proved (or claimed) to be; null when it could not be told
 * @param spiffeId the SPIFFE ID in the peer's leaf certificate, or null when there was none
 * @param attested true when chain, trust domain, ID pattern and validity all passed
 * @param reason   {@code "ok"} on success, else one line saying what failed, e.g.
 *                 {@code "trust domain 'other.org' is not 'mesh.test'"}
 * @param at       when the attestation was made
 * @param notAfter expiry of the peer's leaf certificate, or null when there was none
 */
public record AttestationResult(NodeId node, String spiffeId, boolean attested, String reason,
                                Instant at, Instant notAfter) {

    public static final String OK = "ok";

    public AttestationResult {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }

    public static AttestationResult success(NodeId node, String spiffeId, Instant at, Instant notAfter) {
        return new AttestationResult(node, spiffeId, true, OK, at, notAfter);
    }

    public static AttestationResult failure(NodeId node, String spiffeId, String reason, Instant at,
                                            Instant notAfter) {
        return new AttestationResult(node, spiffeId, false, reason, at, notAfter);
    }
}

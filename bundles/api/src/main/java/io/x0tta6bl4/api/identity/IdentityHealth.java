package io.x0tta6bl4.api.identity;

/**
 * Health event kinds posted by the identity bundle as
 * {@link io.x0tta6bl4.api.event.HealthEvent} with area {@link #AREA}, on
 * {@code x0tta6bl4/health/identity/<kind>}.
 */
public final class IdentityHealth {

    /** The {@code area} of identity health events. */
    public static final String AREA = "identity";

    /** Less than half of the SVID lifetime is left and no rotation came. Subject: this node's SPIFFE ID. */
    public static final String SVID_EXPIRING = "SVID_EXPIRING";
    /** The SVID in hand has expired. Subject: this node's SPIFFE ID. */
    public static final String SVID_EXPIRED = "SVID_EXPIRED";
    /** The identity source (Workload API, files) cannot be read. Subject: the source, e.g. the socket address. */
    public static final String IDENTITY_SOURCE_DOWN = "IDENTITY_SOURCE_DOWN";
    /** The identity source works again. Subject: the source. */
    public static final String IDENTITY_SOURCE_UP = "IDENTITY_SOURCE_UP";
    /** A peer could not be reached to attest it (connect failure, timeout). Subject: node id or address. */
    public static final String PEER_UNATTESTED = "PEER_UNATTESTED";
    /** A peer presented an identity that failed verification. Subject: node id or address; details: reason. */
    public static final String PEER_ATTESTATION_FAILED = "PEER_ATTESTATION_FAILED";
    /** A peer was attested. Subject: node id. */
    public static final String PEER_ATTESTED = "PEER_ATTESTED";

    private IdentityHealth() {
    }
}

package io.x0tta6bl4.api.identity;

/** Where this node's own identity stands. */
public enum IdentityState {
    /** The source is being contacted for the first time; no SVID yet. */
    STARTING,
    /** A valid SVID and trust bundle are in hand. */
    READY,
    /**
     * The source failed or the SVID is expiring or expired; an older SVID may still be in
     * hand. {@link IdentityService#stateReason()} says why.
     */
    DEGRADED,
    /** No identity source is configured, or the configured source has nothing yet. */
    NONE
}

package io.x0tta6bl4.api.event;

/** Well-known health event kinds. Plugins may post others. */
public final class HealthKinds {

    public static final String NODE_DOWN = "NODE_DOWN";
    public static final String NODE_UP = "NODE_UP";
    public static final String LINK_DEGRADED = "LINK_DEGRADED";
    public static final String SVID_EXPIRING = "SVID_EXPIRING";
    public static final String PEER_UNATTESTED = "PEER_UNATTESTED";
    public static final String PEER_ATTESTATION_FAILED = "PEER_ATTESTATION_FAILED";
    public static final String VULNERABILITY = "VULNERABILITY";
    public static final String MISCONFIGURATION = "MISCONFIGURATION";
    /** A batman-adv gateway's uplink stopped answering its probes (subject: the node). @since 1.2 */
    public static final String GATEWAY_UPLINK_DOWN = "GATEWAY_UPLINK_DOWN";
    /** The uplink answers again; clears {@link #GATEWAY_UPLINK_DOWN}. @since 1.2 */
    public static final String GATEWAY_UPLINK_UP = "GATEWAY_UPLINK_UP";
    /**
     * A one-hop link of this node is down: the hard interface carrying it lost carrier
     * (subject: {@code self->peer}). A link that goes down and up again and again is what flap
     * damping turns into one {@code FLAPPING} incident. @since 1.3
     */
    public static final String LINK_DOWN = "LINK_DOWN";
    /** The link's interface has carrier again; clears {@link #LINK_DOWN}. @since 1.3 */
    public static final String LINK_UP = "LINK_UP";

    private HealthKinds() {
    }
}

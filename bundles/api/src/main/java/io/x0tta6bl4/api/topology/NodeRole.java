package io.x0tta6bl4.api.topology;

/** What a node is to the mesh. */
public enum NodeRole {
    /** The node this platform runs on. */
    SELF,
    /** An ordinary mesh router. */
    PEER,
    /** A router announcing an uplink (batman-adv gateway mode server). */
    GATEWAY
}

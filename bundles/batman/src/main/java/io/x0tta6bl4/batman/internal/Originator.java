package io.x0tta6bl4.batman.internal;

/**
 * One row of the originator table: a route to {@code address} through {@code neighbor}.
 *
 * @param address        the originator (the node's primary hard-interface MAC)
 * @param neighbor       next hop towards it
 * @param hardIfname     interface the next hop is reached on
 * @param hardIfindex    its index
 * @param lastSeenMs     milliseconds since the originator's last OGM/OGMv2
 * @param tq             B.A.T.M.A.N. IV transmit quality 0..255, or null under V
 * @param throughputKbps B.A.T.M.A.N. V throughput in kbit/s, or null under IV
 * @param best           whether this is the route in use
 */
public record Originator(String address, String neighbor, String hardIfname, int hardIfindex, long lastSeenMs,
                         Integer tq, Long throughputKbps, boolean best) {

    /** Whether the originator is a direct neighbour (reached through itself). */
    public boolean direct() {
        return address.equals(neighbor);
    }
}

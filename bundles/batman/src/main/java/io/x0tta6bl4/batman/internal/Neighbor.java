package io.x0tta6bl4.batman.internal;

/**
 * A one-hop neighbour on a hard interface.
 *
 * @param address        its hard-interface MAC
 * @param hardIfname     our interface it is heard on
 * @param hardIfindex    that interface's index
 * @param lastSeenMs     milliseconds since it was last heard
 * @param throughputKbps B.A.T.M.A.N. V throughput estimate in kbit/s, or null under IV
 */
public record Neighbor(String address, String hardIfname, int hardIfindex, long lastSeenMs, Long throughputKbps) {
}

package io.x0tta6bl4.batman.internal;

/**
 * A gateway announced in the mesh.
 *
 * @param originator     the gateway's originator address
 * @param router         next hop towards it
 * @param hardIfname     interface of the next hop
 * @param best           whether it is the selected gateway
 * @param tq             TQ under IV, or null
 * @param throughputKbps throughput under V, or null
 * @param downKbps       announced download bandwidth in kbit/s, or null
 * @param upKbps         announced upload bandwidth in kbit/s, or null
 */
public record Gateway(String originator, String router, String hardIfname, boolean best, Integer tq,
                      Long throughputKbps, Long downKbps, Long upKbps) {
}

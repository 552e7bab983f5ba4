package io.x0tta6bl4.batman.internal;

/**
 * A hard interface enslaved to the mesh interface.
 *
 * @param name    interface name
 * @param ifindex its index
 * @param address its MAC
 * @param active  whether batman-adv uses it (the link is up)
 * @param hopPenalty         its own hop penalty 0..255, added to the mesh's on OGMs received through it
 *                           (batman-adv 2020.1 and later); null when the kernel does not report one
 * @param throughputOverride B.A.T.M.A.N. V throughput it is assumed to have, in 100 kbit/s (0: measured);
 *                           null when not reported
 */
public record HardInterface(String name, int ifindex, String address, boolean active, Integer hopPenalty,
                            Long throughputOverride) {
}

package io.x0tta6bl4.batman.internal;

/**
 * A hard interface enslaved to the mesh interface.
 *
 * @param name    interface name
 * @param ifindex its index
 * @param address its MAC
 * @param active  whether batman-adv uses it (the link is up)
 */
public record HardInterface(String name, int ifindex, String address, boolean active) {
}

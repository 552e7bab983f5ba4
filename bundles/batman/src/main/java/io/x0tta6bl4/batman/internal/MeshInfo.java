package io.x0tta6bl4.batman.internal;

/**
 * The mesh interface as GET_MESH reports it.
 *
 * @param version        batman-adv version, e.g. 2022.3
 * @param algorithm      BATMAN_IV or BATMAN_V
 * @param ifname         mesh interface, e.g. bat0
 * @param ifindex        its index
 * @param address        its MAC
 * @param primaryIfname  primary hard interface, or null when there is none
 * @param primaryAddress its MAC: this node's originator address, or null
 * @param origIntervalMs OGM interval in ms, or null when not reported
 * @param gateway        this node's gateway mode and announced bandwidth, or null when not reported
 */
public record MeshInfo(String version, String algorithm, String ifname, int ifindex, String address,
                       String primaryIfname, String primaryAddress, Long origIntervalMs, GatewayMode gateway) {

    public MeshInfo(String version, String algorithm, String ifname, int ifindex, String address,
                    String primaryIfname, String primaryAddress, Long origIntervalMs) {
        this(version, algorithm, ifname, ifindex, address, primaryIfname, primaryAddress, origIntervalMs, null);
    }

    public boolean isBatmanV() {
        return Batadv.ALGO_V.equals(algorithm);
    }
}

package io.x0tta6bl4.batman.internal;

import java.util.List;

/**
 * The batman provider's configuration in force, always valid.
 *
 * @param meshInterface       batman-adv mesh interface, e.g. bat0
 * @param backend             netlink or batctl
 * @param batctl              batctl executable for the batctl backend
 * @param pollIntervalMs      time between two reads of the originator table
 * @param downAfterMs         an originator silent (last_seen_msecs) longer than this is down
 * @param degradedTq          a direct link under this TQ (IV) is degraded
 * @param degradedMbps        a direct link under this throughput (V) is degraded
 * @param hardInterfaces      interfaces to enslave at start (created mesh interface if missing)
 * @param routingAlgorithm    algorithm when the mesh interface is created; empty: module default
 * @param alfredSocket        alfred's Unix socket
 * @param factsType           alfred data type this node publishes its facts under
 * @param factsIntervalMs     how often the facts are published; 0 disables publishing
 * @param attestIntervalMs    how often peers that publish a control endpoint are attested when due; 0 disables
 * @param visIntervalMs       how often batadv-vis records are read from alfred; 0 disables
 * @param factsMaxAgeMs       signed facts older than this (by their signed timestamp) are refused; 0 means
 *                            six publication intervals, at least 60 s (see {@link #factsMaxAge()})
 */
public record BatmanConfig(String meshInterface, String backend, String batctl, long pollIntervalMs, long downAfterMs,
                           int degradedTq, double degradedMbps, List<String> hardInterfaces, String routingAlgorithm,
                           String alfredSocket, int factsType, long factsIntervalMs, long visIntervalMs,
                           long attestIntervalMs, long factsMaxAgeMs) {

    public static final String MESH_INTERFACE = "mesh.interface";
    public static final String BACKEND = "backend";
    public static final String BATCTL = "batctl";
    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    public static final String DOWN_AFTER_MS = "down.after.ms";
    public static final String DEGRADED_TQ = "degraded.tq";
    public static final String DEGRADED_MBPS = "degraded.throughput.mbps";
    public static final String HARD_INTERFACES = "hard.interfaces";
    public static final String ROUTING_ALGORITHM = "routing.algorithm";
    public static final String ALFRED_SOCKET = "alfred.socket";
    public static final String FACTS_TYPE = "facts.type";
    public static final String FACTS_INTERVAL_MS = "facts.interval.ms";
    public static final String VIS_INTERVAL_MS = "vis.interval.ms";
    public static final String ATTEST_INTERVAL_MS = "attest.interval.ms";
    public static final String FACTS_MAX_AGE_MS = "facts.max.age.ms";

    public static final BatmanConfig DEFAULTS = new BatmanConfig("bat0", "netlink", "batctl", 1000, 5000, 100, 1.0,
            List.of(), "", "/var/run/alfred.sock", 100, 10_000, 10_000, 5_000, 0);

    public BatmanConfig {
        hardInterfaces = List.copyOf(hardInterfaces);
    }

    /**
     * The maximum age of signed facts in force: the configured one, else six publication
     * intervals and at least 60 s, so that a node's record survives a few lost publications and
     * stays well past the three intervals after which {@link PeerAttester} calls it stale.
     */
    public long factsMaxAge() {
        return factsMaxAgeMs > 0 ? factsMaxAgeMs : Math.max(60_000, 6 * Math.max(factsIntervalMs, 1000));
    }

    public BatmanBackend newBackend() {
        return "batctl".equals(backend) ? new BatctlBackend(batctl, meshInterface) : new NetlinkBackend(meshInterface);
    }
}

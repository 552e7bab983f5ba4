package io.x0tta6bl4.ebpf.internal;

import java.util.List;
import java.util.Set;

/**
 * The configuration in force (PID {@code io.x0tta6bl4.ebpf}).
 *
 * @param interfaces        mesh interfaces to attach to, {@code ifname} or {@code netns/ifname}
 * @param enforce           enforcement at start (the shell or healing may change it later)
 * @param allowed           MACs on the allow list at start
 * @param attestPort        TCP port of attestation traffic exempt from enforcement, 0 for none
 * @param loadOnStart       load mesh_guard into the kernel when the bundle starts
 * @param healthIntervalMs  how often drop counters are read for health events
 * @param healthPeerIntervalMs at most one health event per peer and kind in this time
 * @param healthMaxPerMinute at most this many health events a minute in all
 */
record EbpfConfig(List<String> interfaces, boolean enforce, Set<String> allowed, int attestPort,
                   boolean loadOnStart, long healthIntervalMs, long healthPeerIntervalMs, int healthMaxPerMinute) {

    static final String INTERFACES = "interfaces";
    static final String ENFORCE = "enforce";
    static final String ALLOWED = "allowed";
    static final String ATTEST_PORT = "attest.port";
    static final String LOAD_ON_START = "load.on.start";
    static final String HEALTH_INTERVAL = "health.interval.ms";
    static final String HEALTH_PEER_INTERVAL = "health.peer.interval.ms";
    static final String HEALTH_MAX_PER_MINUTE = "health.max.per.minute";

    static final EbpfConfig DEFAULTS = new EbpfConfig(List.of(), false, Set.of(), 7443, true, 1000, 10_000, 60);
}

package io.x0tta6bl4.topology.internal;

import io.x0tta6bl4.api.topology.QualityWeigher;

/**
 * The configuration in force. Built only by {@link ConfigReader}, so every instance
 * satisfies the rules documented there.
 */
record TopologyConfig(long nodeTimeoutMs, long nodeRetentionMs, long sweepIntervalMs, String defaultWeigher,
                      double linkUpdateThreshold) {

    static final String NODE_TIMEOUT = "node.timeout.ms";
    static final String NODE_RETENTION = "node.retention.ms";
    static final String SWEEP_INTERVAL = "sweep.interval.ms";
    static final String DEFAULT_WEIGHER = "default.weigher";
    static final String LINK_UPDATE_THRESHOLD = "link.update.threshold";

    static final TopologyConfig DEFAULTS = new TopologyConfig(5000, 300_000, 1000, QualityWeigher.NAME, 0.05);
}
